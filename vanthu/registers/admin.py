from django.contrib import admin

from .models import Counter, Register


class CounterInline(admin.TabularInline):
    model = Counter
    extra = 0
    readonly_fields = ("year", "last_number")
    can_delete = False


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "direction", "is_secret", "is_default", "is_active")
    list_filter = ("agency", "direction", "is_secret")
    inlines = [CounterInline]

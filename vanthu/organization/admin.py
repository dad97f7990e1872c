from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from .models import Agency, CalendarDay, ExternalAgency, Unit, User
from .services import import_directory_csv


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "code", "place_name", "is_active")
    search_fields = ("name", "code")
    inlines = [UnitInline, CalendarDayInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "agency", "order", "is_active")
    list_filter = ("agency",)
    search_fields = ("name", "abbreviation")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "agency", "note")
    list_filter = ("agency", "kind")
    date_hierarchy = "date"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "last_name", "first_name", "agency", "unit", "position", "role", "is_active")
    list_filter = ("agency", "role", "unit", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Công tác"), {"fields": ("agency", "unit", "position", "role")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Công tác"), {"fields": ("first_name", "last_name", "agency", "unit", "position", "role")}),
    )


@admin.register(ExternalAgency)
class ExternalAgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "abbreviation", "code", "parent", "is_active")
    search_fields = ("name", "code", "abbreviation")
    list_filter = ("is_active",)
    change_list_template = "organization/directory_changelist.html"

    def get_urls(self):
        return [
            path(
                "nhap-csv/", self.admin_site.admin_view(self.import_csv), name="organization_directory_import"
            )
        ] + super().get_urls()

    def import_csv(self, request):
        """Nhập danh bạ cơ quan từ tệp CSV."""
        if request.method == "POST" and request.FILES.get("file"):
            result = import_directory_csv(request.FILES["file"].read())
            for error in result.errors:
                messages.error(request, error)
            messages.success(
                request,
                _("Đã thêm %(c)d, cập nhật %(u)d cơ quan.") % {"c": result.created, "u": result.updated},
            )
            return redirect("admin:organization_externalagency_changelist")
        return render(
            request,
            "organization/directory_import.html",
            {**self.admin_site.each_context(request), "title": _("Nhập danh bạ cơ quan từ CSV")},
        )

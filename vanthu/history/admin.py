from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the history is append-only."""

    list_display = ("at", "actor", "object_type", "object_id", "verb", "from_state", "to_state")
    list_filter = ("verb", "object_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

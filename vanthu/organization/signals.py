from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay
from .services import invalidate_calendar


@receiver([post_save, post_delete], sender=CalendarDay)
def _calendar_changed(sender, instance: CalendarDay, **kwargs) -> None:
    invalidate_calendar(instance.agency_id)

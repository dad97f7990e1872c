from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import CalendarDay
from .services import invalidate_calendar


@receiver(pre_save, sender=CalendarDay)
def _remember_previous_agency(sender, instance: CalendarDay, **kwargs) -> None:
    previous = CalendarDay.objects.filter(pk=instance.pk).values_list("agency_id", flat=True).first()
    instance._previous_agency_id = previous if instance.pk else None


@receiver([post_save, post_delete], sender=CalendarDay)
def _calendar_changed(sender, instance: CalendarDay, **kwargs) -> None:
    """Forget the cached calendars now and again after commit (a reader in between may cache the old rows)."""
    agencies = {instance.agency_id, getattr(instance, "_previous_agency_id", None)} - {None}

    def invalidate() -> None:
        for agency_id in agencies:
            invalidate_calendar(agency_id)

    invalidate()
    transaction.on_commit(invalidate)

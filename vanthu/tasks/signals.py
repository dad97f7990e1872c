"""Keep computed deadlines in step with the agency's calendar: a new day off moves open deadlines on it."""

from __future__ import annotations

from datetime import timedelta

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from vanthu.organization.models import CalendarDay


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
def _calendar_changed(sender, instance: CalendarDay, **kwargs) -> None:
    from vanthu.organization.services import calendar_for, invalidate_calendar

    from .models import Task
    from .services.deadlines import due_date
    from .states import OPEN_STATES

    invalidate_calendar(instance.agency_id)
    affected = Task.objects.filter(
        agency_id=instance.agency_id,
        state__in=OPEN_STATES,
        # a deadline on or just before the changed day may now end on another working day
        deadline__gte=instance.date - timedelta(days=20),
        deadline__lte=instance.date,
    )
    calendar = None
    for task in affected.only("pk", "deadline", "due_on"):
        # the calendar is loaded only when a deadline may move (the cache stays cold otherwise)
        calendar = calendar or calendar_for(instance.agency_id)
        due = due_date(task.deadline, calendar)
        if due != task.due_on:
            Task.objects.filter(pk=task.pk).update(due_on=due)

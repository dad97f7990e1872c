"""Small display helpers shared by every template (no business rules here)."""

from django import template
from django.utils.html import format_html

from vanthu.common.deadlines import STATUS_CSS, DeadlineStatus
from vanthu.documents.models import Urgency

register = template.Library()


@register.simple_tag
def status_badge(status) -> str:
    if not status:
        return ""
    status = DeadlineStatus(status)
    return format_html(
        '<span class="badge text-bg-{} status-{}">{}</span>',
        STATUS_CSS.get(status.value, "light"),
        status.value,
        status.label,
    )


@register.simple_tag
def urgency_badge(urgency) -> str:
    if not urgency:
        return ""
    return format_html('<span class="badge bg-danger urgency">{}</span>', Urgency(urgency).label.upper())


@register.filter
def state_label(value: str) -> str:
    """The Vietnamese label of a document or assignment state stored in a history event."""
    from vanthu.incoming.states import AssignmentState, DocState

    for choices in (DocState, AssignmentState):
        if value in choices.values:
            return choices(value).label
    return value


@register.filter
def vn_date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""

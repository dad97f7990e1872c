"""Background jobs of the notifications context (Django Tasks API)."""

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Notification


@task()
def email_notification(notification_id: int) -> bool:
    """Send one notification by e-mail. Idempotent: a notification already e-mailed is not sent again."""
    with transaction.atomic():
        notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
        if notification is None or notification.emailed_at or not notification.user.email:
            return False
        send_mail(
            subject=f"[vanthu] {notification.text[:120]}",
            message=f"{notification.text}\n\n{notification.url}",
            from_email=None,
            recipient_list=[notification.user.email],
        )
        Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
    return True

"""Where an outgoing document goes (nơi nhận) and how it went there (sổ gửi văn bản đi bưu điện)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanthu.organization.models import Agency, ExternalAgency, Unit

from ..states import DeliveryState
from .documents import OutgoingDocument


class Placement(models.TextChoices):
    """Recipients named after "Kính gửi:" (công văn, tờ trình, báo cáo) or only in the "Nơi nhận:" list."""

    ADDRESSEE = "addressee", _("Kính gửi")
    LISTED = "listed", _("Nơi nhận")


class Channel(models.TextChoices):
    """Cách gửi tới nơi nhận."""

    INTERNAL = "internal", _("Trong hệ thống")
    EMAIL = "email", _("Thư điện tử")
    POST = "post", _("Bưu điện")


class Recipient(models.Model):
    """Nơi nhận: a unit of the issuing agency, an agency of the directory (danh bạ) or a free-text recipient.

    An agency of the directory that is served by this installation (``internal_agency`` set) receives the
    document in the system: a document waiting for its clerk (``arrival``), then an incoming document of its own
    (``incoming``) once accepted. Others are sent by e-mail or post (a ``PostalDispatch`` line).
    """

    document = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("văn bản đi")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    placement = models.CharField(
        _("vị trí"), max_length=10, choices=Placement.choices, default=Placement.LISTED
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    external = models.ForeignKey(
        ExternalAgency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan (danh bạ)"),
    )
    name = models.CharField(_("nơi nhận"), max_length=300)
    channel = models.CharField(_("cách gửi"), max_length=10, choices=Channel.choices)
    email = models.EmailField(_("thư điện tử"), blank=True)
    state = models.CharField(
        _("trạng thái gửi"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    arrival = models.OneToOneField(
        "incoming.Arrival",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản gửi đến nơi nhận"),
    )
    incoming = models.ForeignKey(
        "incoming.IncomingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản đến tại nơi nhận"),
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    reason = models.TextField(_("lý do từ chối"), blank=True)

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["document", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(external__isnull=True), name="recipient_unit_or_agency"
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(channel="internal"), name="recipient_unit_internal"
            ),
        ]
        indexes = [models.Index(fields=["unit", "document"], name="recipient_unit_idx")]

    def __str__(self) -> str:
        return self.name


class PostalDispatch(models.Model):
    """Sổ gửi văn bản đi bưu điện (Appendix IV): one line per envelope batch handed to the post.

    The six columns: (1) ngày chuyển ``sent_on``; (2) số, ký hiệu ``document.code``; (3) nơi nhận
    ``destination``; (4) số lượng bì ``envelopes``; (5) ký nhận và dấu bưu điện ``receipt``; (6) ghi chú ``note``.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    document = models.ForeignKey(
        OutgoingDocument,
        on_delete=models.PROTECT,
        related_name="postal_dispatches",
        verbose_name=_("văn bản đi"),
    )
    recipient = models.OneToOneField(
        Recipient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="postal_dispatch",
        verbose_name=_("nơi nhận"),
    )
    sent_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    destination = models.CharField(_("nơi nhận văn bản"), max_length=300)
    envelopes = models.PositiveSmallIntegerField(_("số lượng bì"), default=1)
    receipt = models.CharField(_("ký nhận và dấu bưu điện"), max_length=200, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản gửi bưu điện")
        verbose_name_plural = _("sổ gửi văn bản đi bưu điện")
        ordering = ["sent_on", "id"]
        indexes = [models.Index(fields=["agency", "sent_on"], name="postal_agency_date_idx")]

    def __str__(self) -> str:
        return f"{self.document.code} → {self.destination}"

"""Incoming documents (văn bản đến), their handling assignments and explicit read grants."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vanthu.documents.models import Confidentiality, DocumentType, StoredFile, Urgency
from vanthu.organization.models import Agency, ExternalAgency, Unit
from vanthu.registers.models import Register

from .states import ArrivalState, AssignmentRole, AssignmentState, DocState


class Channel(models.TextChoices):
    """Hình thức nhận."""

    PAPER = "paper", _("Bản giấy")
    EMAIL = "email", _("Thư điện tử")
    EXCHANGE = "exchange", _("Liên thông")


class IncomingDocument(models.Model):
    """Văn bản đến: one document received by an agency and registered in an incoming register."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    register = models.ForeignKey(
        Register, on_delete=models.PROTECT, related_name="+", verbose_name=_("sổ văn bản")
    )
    year = models.PositiveIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số đến"))
    received_at = models.DateTimeField(_("ngày đến"))
    channel = models.CharField(
        _("hình thức nhận"), max_length=10, choices=Channel.choices, default=Channel.PAPER
    )

    sender = models.ForeignKey(
        ExternalAgency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan ban hành (danh bạ)"),
    )
    sender_name = models.CharField(_("cơ quan ban hành"), max_length=200)
    code_number = models.CharField(_("số"), max_length=11, blank=True)
    code_notation = models.CharField(_("ký hiệu"), max_length=30, blank=True)
    duplicate_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    document_date = models.DateField(_("ngày văn bản"))
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại văn bản")
    )
    abstract = models.TextField(_("trích yếu"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=50, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    urgency = models.PositiveSmallIntegerField(_("độ khẩn"), choices=Urgency.choices, default=Urgency.NORMAL)
    confidentiality = models.PositiveSmallIntegerField(
        _("độ mật"), choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    reply_due = models.DateField(_("hạn trả lời"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), max_length=500, blank=True)
    files = models.ManyToManyField(StoredFile, blank=True, related_name="+", verbose_name=_("tệp đính kèm"))

    state = models.CharField(
        _("trạng thái"), max_length=20, choices=DocState.choices, default=DocState.REGISTERED
    )
    #: Open urgent documents sort first: the urgency while the document is open, 0 once completed.
    priority = models.PositiveSmallIntegerField(default=0, editable=False)
    presented_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trình lãnh đạo"),
    )
    direction = models.TextField(_("ý kiến chỉ đạo"), blank=True)
    directed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    directed_at = models.DateTimeField(_("ngày chỉ đạo"), null=True, blank=True)
    handed_over_at = models.DateTimeField(_("ngày chuyển"), null=True, blank=True)
    deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    completed_at = models.DateTimeField(_("thời điểm hoàn thành"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả giải quyết"), blank=True)
    reply_code = models.CharField(
        _("số, ký hiệu văn bản trả lời"),
        max_length=200,
        blank=True,
        help_text=_("Ghi khi cơ quan phát hành văn bản đi trả lời văn bản này"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người vào sổ")
    )
    created_at = models.DateTimeField(_("thời điểm vào sổ"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        constraints = [
            models.UniqueConstraint(fields=["register", "year", "number"], name="incoming_number_unique"),
        ]
        indexes = [
            models.Index(fields=["agency", "-priority", "-received_at"], name="incoming_list_idx"),
            models.Index(fields=["register", "received_at"], name="incoming_register_idx"),
            models.Index(fields=["agency", "state", "-received_at"], name="incoming_state_idx"),
            models.Index(
                fields=["agency", "deadline"],
                name="incoming_open_deadline_idx",
                condition=models.Q(completed_on__isnull=True),
            ),
            # status cards of open documents: counted from the index alone
            models.Index(
                fields=["agency", "state", "deadline", "completed_on", "confidentiality", "id"],
                name="incoming_open_status_idx",
            ),
            # lists filtered to open documents (overdue, due soon…) in display order
            models.Index(
                fields=["agency", "-priority", "-received_at", "deadline"],
                name="incoming_open_list_idx",
                condition=models.Q(completed_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("incoming:detail", args=[self.pk])

    @property
    def code(self) -> str:
        """Số, ký hiệu as printed, e.g. 45/UBND-TH."""
        if self.code_number and self.code_notation:
            return f"{self.code_number}/{self.code_notation}"
        return self.code_number or self.code_notation

    @property
    def is_urgent(self) -> bool:
        return self.urgency > Urgency.NORMAL

    @property
    def is_secret(self) -> bool:
        return self.confidentiality > Confidentiality.NORMAL


class Assignment(models.Model):
    """Giao xử lý: the part of a unit or a person in handling an incoming document (chủ trì, phối hợp, để biết)."""

    document = models.ForeignKey(
        IncomingDocument, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("văn bản đến")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("giao từ"),
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=AssignmentRole.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cá nhân"),
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=AssignmentState.choices, default=AssignmentState.NEW
    )
    instruction = models.TextField(_("ý kiến giao"), blank=True)
    deadline = models.DateField(_("hạn xử lý"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người giao")
    )
    assigned_at = models.DateTimeField(_("ngày giao"), auto_now_add=True)
    completed_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)
    completed_on = models.DateField(_("ngày xong"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    class Meta:
        verbose_name = _("phần việc được giao")
        verbose_name_plural = _("phân công xử lý")
        ordering = ["assigned_at", "id"]
        indexes = [
            # covering: the visibility and inbox sub-queries read only these columns
            models.Index(fields=["unit", "state", "user", "document"], name="assignment_unit_idx"),
            models.Index(fields=["user", "state", "document"], name="assignment_user_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(user__isnull=False),
                name="assignment_has_holder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.holder_name}"

    @property
    def holder_name(self) -> str:
        if self.user_id:
            return self.user.display_name
        return self.unit.name if self.unit_id else ""

    @property
    def is_open(self) -> bool:
        return self.state in (AssignmentState.NEW, AssignmentState.DELEGATED)


class DocumentGrant(models.Model):
    """Quyền xem được cấp riêng: an explicit share of one document with one person (required for secret ones)."""

    document = models.ForeignKey(IncomingDocument, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyền xem văn bản")
        verbose_name_plural = _("quyền xem văn bản")
        constraints = [models.UniqueConstraint(fields=["document", "user"], name="grant_unique")]
        indexes = [models.Index(fields=["user", "document"], name="grant_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.document}"


class Arrival(models.Model):
    """Văn bản điện tử đến chờ tiếp nhận: a document another agency of this installation sent through the system.

    It is not in the incoming register yet: the receiving agency's clerk accepts it (vào sổ: it becomes an
    ``IncomingDocument`` with the next incoming number) or refuses it with a reason; the sender may withdraw it
    while it waits. Secret documents are never exchanged electronically, so an arrival is never secret.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan nhận")
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ArrivalState.choices, default=ArrivalState.AWAITING
    )
    arrived_at = models.DateTimeField(_("thời điểm gửi đến"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    sender = models.ForeignKey(
        ExternalAgency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan ban hành (danh bạ)"),
    )
    sender_name = models.CharField(_("cơ quan ban hành"), max_length=200)
    code_number = models.CharField(_("số"), max_length=11)
    code_notation = models.CharField(_("ký hiệu"), max_length=30)
    document_date = models.DateField(_("ngày văn bản"))
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại văn bản")
    )
    abstract = models.TextField(_("trích yếu"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=50, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    urgency = models.PositiveSmallIntegerField(_("độ khẩn"), choices=Urgency.choices, default=Urgency.NORMAL)
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    reply_due = models.DateField(_("hạn trả lời"), null=True, blank=True)
    files = models.ManyToManyField(StoredFile, blank=True, related_name="+", verbose_name=_("tệp đính kèm"))

    document = models.OneToOneField(
        IncomingDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arrival",
        verbose_name=_("văn bản đến đã vào sổ"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn thư xử lý"),
    )
    decided_at = models.DateTimeField(_("thời điểm tiếp nhận, từ chối"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("văn bản chờ tiếp nhận")
        verbose_name_plural = _("văn bản chờ tiếp nhận")
        ordering = ["-urgency", "arrived_at", "id"]
        indexes = [models.Index(fields=["agency", "state", "arrived_at"], name="arrival_agency_state_idx")]

    def __str__(self) -> str:
        return f"{self.code} — {self.sender_name}"

    @property
    def code(self) -> str:
        return f"{self.code_number}/{self.code_notation}"

"""Outgoing documents (văn bản đi) from draft to issue, their file versions, participants and reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from vanthu.documents.models import Confidentiality, DocumentType, StoredFile, Urgency
from vanthu.organization.models import Agency, Unit
from vanthu.registers.models import Register

from ..states import OutgoingState
from .config import ApprovalChain, ChainStep


class SigningAuthority(models.TextChoices):
    """Thẩm quyền ký (Appendix I: TM., KT., TL., TUQ., Q.); empty when the head signs in their own name."""

    NONE = "", _("Ký trực tiếp")
    TM = "TM", _("TM. (thay mặt tập thể)")
    KT = "KT", _("KT. (ký thay người đứng đầu)")
    TL = "TL", _("TL. (thừa lệnh)")
    TUQ = "TUQ", _("TUQ. (thừa ủy quyền)")
    Q = "Q", _("Q. (quyền)")


class AmendKind(models.TextChoices):
    """Văn bản mới sửa một văn bản đã ban hành."""

    CORRECTION = "correction", _("Đính chính")
    REPLACEMENT = "replacement", _("Thay thế")


class OutgoingDocument(models.Model):
    """Văn bản đi / dự thảo: a document of the agency, from its first draft until it is issued (or recalled).

    ``register``, ``year``, ``number`` and ``notation`` are set when the registry clerk issues it (or reserves a
    number for a paper document signed by hand): ``code`` is then ``123/QĐ-UBND``, ``45/UBND-TH`` or, for a
    normative document, ``05/2026/QĐ-UBND`` (``notation`` keeps the year: ``2026/QĐ-UBND``).
    ``deadline`` is the date the draft is due, ``due_on`` the date its status is computed from (the next
    working day when the deadline falls on a day off).
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại văn bản")
    )
    is_normative = models.BooleanField(_("văn bản quy phạm pháp luật"), default=False)
    abstract = models.TextField(_("trích yếu"), max_length=500)
    drafting_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị soạn thảo")
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người soạn thảo"),
    )
    proposed_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ký dự kiến"),
    )
    signing_authority = models.CharField(
        _("thẩm quyền ký"), max_length=3, choices=SigningAuthority.choices, blank=True
    )
    authority_of = models.CharField(
        _("thay mặt, ký thay cho"),
        max_length=100,
        blank=True,
        help_text=_("Sau TM., KT., TL., TUQ., Q.: ví dụ ỦY BAN NHÂN DÂN, CHỦ TỊCH"),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    urgency = models.PositiveSmallIntegerField(_("độ khẩn"), choices=Urgency.choices, default=Urgency.NORMAL)
    confidentiality = models.PositiveSmallIntegerField(
        _("độ mật"), choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=OutgoingState.choices, default=OutgoingState.DRAFT
    )
    deadline = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    due_on = models.DateField(_("hạn tính trạng thái"), null=True, blank=True, editable=False)

    # the approval chain
    chain = models.ForeignKey(
        ApprovalChain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quy trình trình duyệt"),
    )
    current_step = models.ForeignKey(
        ChainStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("bước")
    )
    round = models.PositiveSmallIntegerField(_("lần trình"), default=0)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đang xử lý"),
    )
    held_since = models.DateTimeField(_("nhận từ"), null=True, blank=True)
    returned_step = models.ForeignKey(
        ChainStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # what it answers, what it amends
    replies_to = models.ManyToManyField(
        "incoming.IncomingDocument", blank=True, related_name="+", verbose_name=_("trả lời văn bản đến")
    )
    close_replied = models.BooleanField(
        _("kết thúc xử lý văn bản đến khi phát hành"),
        default=False,
        help_text=_("Khi phát hành, văn bản đến được trả lời chuyển sang hoàn thành"),
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("đính chính, thay thế văn bản"),
    )
    amend_kind = models.CharField(_("hình thức"), max_length=12, choices=AmendKind.choices, blank=True)

    # issue
    register = models.ForeignKey(
        Register,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sổ văn bản"),
    )
    year = models.PositiveIntegerField(_("năm"), null=True, blank=True)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    notation = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_at = models.DateTimeField(_("thời điểm phát hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn thư phát hành"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ký"),
    )
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    copies = models.PositiveIntegerField(_("số bản"), null=True, blank=True)
    reserved = models.BooleanField(
        _("lấy số cho văn bản giấy"),
        default=False,
        help_text=_("Văn bản ký tay trên giấy; bản quét đính kèm sau"),
    )
    recalled_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    recall_reason = models.TextField(_("lý do thu hồi"), blank=True)
    note = models.TextField(_("ghi chú"), max_length=500, blank=True)

    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        constraints = [
            models.UniqueConstraint(fields=["register", "year", "number"], name="outgoing_number_unique"),
            models.CheckConstraint(
                condition=(Q(register__isnull=True) & Q(year__isnull=True) & Q(number__isnull=True))
                | (Q(register__isnull=False) & Q(year__isnull=False) & Q(number__isnull=False)),
                name="outgoing_number_complete",
            ),
            models.CheckConstraint(
                condition=Q(amends__isnull=True, amend_kind="") | Q(amends__isnull=False) & ~Q(amend_kind=""),
                name="outgoing_amend_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "state", "-created_at"], name="outgoing_state_idx"),
            models.Index(fields=["holder", "state"], name="outgoing_holder_idx"),
            models.Index(fields=["drafting_unit", "state"], name="outgoing_unit_idx"),
            models.Index(fields=["agency", "-issued_on", "-number"], name="outgoing_issued_idx"),
        ]

    def __str__(self) -> str:
        return self.code or f"{self.doc_type.name}: {self.abstract[:80]}"

    def get_absolute_url(self) -> str:
        try:
            return reverse("outgoing:detail", args=[self.pk])
        except NoReverseMatch:  # the pages come in a later round
            return ""

    @property
    def code(self) -> str:
        """Số, ký hiệu as printed: 123/QĐ-UBND, 45/UBND-TH, 05/2026/QĐ-UBND (numbers below 10 with a zero)."""
        from ..numbering import format_code  # numbering imports the models

        return "" if self.number is None else format_code(self.number, self.notation)

    @property
    def is_urgent(self) -> bool:
        return self.urgency > Urgency.NORMAL

    @property
    def is_secret(self) -> bool:
        return self.confidentiality > Confidentiality.NORMAL

    @property
    def latest_version(self) -> DraftVersion | None:
        return self.versions.filter(is_latest=True).select_related("file").first()


class VersionKind(models.TextChoices):
    """Loại tệp của một phiên bản."""

    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Bản đã ký")
    SCAN = "scan", _("Bản quét văn bản giấy")


class DraftVersion(models.Model):
    """Phiên bản dự thảo: one file (DOCX or PDF) of the document; every version is kept, the last one is marked."""

    document = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="versions", verbose_name=_("văn bản đi")
    )
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    kind = models.CharField(_("loại"), max_length=6, choices=VersionKind.choices, default=VersionKind.DRAFT)
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp"))
    is_latest = models.BooleanField(_("bản mới nhất"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("phiên bản dự thảo")
        verbose_name_plural = _("phiên bản dự thảo")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="draft_version_number_unique"),
            models.UniqueConstraint(
                fields=["document"], condition=Q(is_latest=True), name="draft_version_one_latest"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number} — {self.file}"


class Participant(models.Model):
    """Người tham gia: a person who drafted, held, reviewed, signed or issued the document. They keep sight of it
    (a secret document is seen by its participants only)."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người tham gia xử lý")
        verbose_name_plural = _("người tham gia xử lý")
        constraints = [
            models.UniqueConstraint(fields=["document", "user"], name="outgoing_participant_unique")
        ]
        indexes = [models.Index(fields=["user", "document"], name="outgoing_participant_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.document}"


class ReviewAction(models.TextChoices):
    """Ý kiến tại một bước trình duyệt."""

    APPROVED = "approved", _("Đồng ý")
    RETURNED = "returned", _("Trả lại")
    FORWARDED = "forwarded", _("Chuyển người khác")
    SIGNED = "signed", _("Ký ban hành")


class Review(models.Model):
    """Ý kiến trình duyệt: what one person did with the draft at one step (with comments when returning)."""

    document = models.ForeignKey(
        OutgoingDocument, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("văn bản đi")
    )
    round = models.PositiveSmallIntegerField(_("lần trình"))
    step = models.ForeignKey(
        ChainStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("bước")
    )
    step_label = models.CharField(_("tên bước"), max_length=200, blank=True)
    action = models.CharField(_("ý kiến"), max_length=10, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người cho ý kiến"),
    )
    forwarded_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chuyển cho"),
    )
    comment = models.TextField(_("ý kiến, nhận xét"), blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến trình duyệt")
        verbose_name_plural = _("ý kiến trình duyệt")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.step_label}: {self.get_action_display()}"

"""What an agency configures for its outgoing documents: approval chains (quy trình trình duyệt) and the mapping
of document types to outgoing registers (quy tắc cấp số)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vanthu.documents.models import DocumentType
from vanthu.organization.models import Agency, Role
from vanthu.registers.models import Register


class ApprovalChain(models.Model):
    """Quy trình trình duyệt: the ordered steps a draft goes through before it is signed.

    One per (agency, document type); the chain without a type is the agency's default, used for every type that
    has none of its own. The last step is the signature (ký ban hành).
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="approval_chains", verbose_name=_("cơ quan")
    )
    doc_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại văn bản"),
        help_text=_("Để trống: quy trình mặc định cho các loại văn bản không có quy trình riêng"),
    )
    name = models.CharField(_("tên quy trình"), max_length=200)
    restart_on_return = models.BooleanField(
        _("trình lại từ bước đầu"),
        default=False,
        help_text=_(
            "Khi dự thảo bị trả lại: trình lại từ bước đầu tiên (chọn) hoặc trình lại người đã trả lại (mặc định)"
        ),
    )
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("quy trình trình duyệt")
        verbose_name_plural = _("quy trình trình duyệt")
        ordering = ["agency", "doc_type", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "doc_type"], condition=Q(doc_type__isnull=False), name="chain_type_unique"
            ),
            models.UniqueConstraint(
                fields=["agency"], condition=Q(doc_type__isnull=True), name="chain_default_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StepPurpose(models.TextChoices):
    """Nội dung của một bước trình duyệt."""

    CONTENT = "content", _("Thẩm định nội dung")
    FORMAT = "format", _("Kiểm tra thể thức, kỹ thuật trình bày")
    SIGN = "sign", _("Ký ban hành")


class StepAssignee(models.TextChoices):
    """Ai xử lý một bước trình duyệt."""

    UNIT_HEAD = "unit_head", _("Lãnh đạo đơn vị soạn thảo")
    ROLE = "role", _("Cán bộ có vai trò")
    PERSON = "person", _("Cán bộ cụ thể")
    SIGNER = "signer", _("Người ký dự kiến")


class ChainStep(models.Model):
    """Bước trình duyệt: what is checked at this step and who checks it."""

    chain = models.ForeignKey(
        ApprovalChain, on_delete=models.CASCADE, related_name="steps", verbose_name=_("quy trình")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    purpose = models.CharField(_("nội dung bước"), max_length=10, choices=StepPurpose.choices)
    label = models.CharField(_("tên bước"), max_length=200, blank=True)
    assignee = models.CharField(_("người xử lý"), max_length=10, choices=StepAssignee.choices)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ"),
    )

    class Meta:
        verbose_name = _("bước trình duyệt")
        verbose_name_plural = _("các bước trình duyệt")
        ordering = ["chain", "order"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "order"], name="chain_step_order_unique"),
            models.CheckConstraint(
                condition=~Q(assignee="role") | ~Q(role=""), name="chain_step_role_needs_role"
            ),
            models.CheckConstraint(
                condition=~Q(assignee="person") | Q(user__isnull=False), name="chain_step_person_needs_user"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.label or str(self.get_purpose_display())

    @property
    def is_signing(self) -> bool:
        return self.purpose == StepPurpose.SIGN


class NumberingScope(models.TextChoices):
    """Văn bản được cấp số theo quy tắc này."""

    NORMAL = "normal", _("Văn bản hành chính")
    NORMATIVE = "normative", _("Văn bản quy phạm pháp luật")
    SECRET = "secret", _("Văn bản mật")


class NumberingRule(models.Model):
    """Quy tắc cấp số: which outgoing register (hence which number sequence) a kind of document is numbered in.

    Several types mapped to one register share its sequence (công văn and KH interleave); a type mapped to a
    register of its own has its own (QĐ, TB, CT). The rule without a type applies to every type that has none.
    Normative documents have one sequence per type (a rule must name the type); secret documents are numbered
    in a secret register. With no rule, the agency's default outgoing register (secret register) is used.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="numbering_rules", verbose_name=_("cơ quan")
    )
    doc_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại văn bản"),
        help_text=_("Để trống: mọi loại văn bản không có quy tắc riêng"),
    )
    scope = models.CharField(
        _("áp dụng cho"), max_length=10, choices=NumberingScope.choices, default=NumberingScope.NORMAL
    )
    register = models.ForeignKey(
        Register, on_delete=models.PROTECT, related_name="+", verbose_name=_("sổ văn bản đi")
    )

    class Meta:
        verbose_name = _("quy tắc cấp số văn bản đi")
        verbose_name_plural = _("quy tắc cấp số văn bản đi")
        ordering = ["agency", "scope", "doc_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "doc_type", "scope"],
                condition=Q(doc_type__isnull=False),
                name="numbering_rule_type_unique",
            ),
            models.UniqueConstraint(
                fields=["agency", "scope"],
                condition=Q(doc_type__isnull=True),
                name="numbering_rule_default_unique",
            ),
            models.CheckConstraint(
                condition=~Q(scope="normative") | Q(doc_type__isnull=False),
                name="numbering_rule_normative_has_type",
            ),
        ]

    def __str__(self) -> str:
        kind = self.doc_type.name if self.doc_type_id else _("Mọi loại")
        return f"{kind} ({self.get_scope_display()}) → {self.register}"

    def clean(self) -> None:
        if not self.register_id:
            return
        problems = []
        if self.register.agency_id != self.agency_id:
            problems.append(_("Sổ văn bản không thuộc cơ quan."))
        if self.register.direction != Register.Direction.OUTGOING:
            problems.append(_("Phải chọn sổ văn bản đi."))
        if self.register.is_secret != (self.scope == NumberingScope.SECRET):
            problems.append(_("Văn bản mật cấp số trong sổ mật; văn bản thường trong sổ thường."))
        if self.scope == NumberingScope.NORMATIVE and not self.doc_type_id:
            problems.append(
                _("Văn bản quy phạm pháp luật cấp số riêng theo từng loại: hãy chọn loại văn bản.")
            )
        # a normative type's register holds that type's normative documents only
        others = NumberingRule.objects.filter(register_id=self.register_id).exclude(pk=self.pk)
        if self.scope != NumberingScope.NORMATIVE:
            others = others.filter(scope=NumberingScope.NORMATIVE)
        if others.exclude(scope=self.scope, doc_type_id=self.doc_type_id).exists():
            problems.append(_("Sổ của văn bản quy phạm pháp luật không dùng chung với loại văn bản khác."))
        if problems:
            raise ValidationError(problems)

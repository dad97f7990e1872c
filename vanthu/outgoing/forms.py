"""Forms of the outgoing pages: a draft (create, edit) and its recipients; every message in Vietnamese.

The forms only read and check what was typed; the rules (who may draft, which type may be normative, which
recipient goes by which channel) stay in ``services``, whose errors are shown on the form.
"""

from __future__ import annotations

import re

from django import forms
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.documents.models import Confidentiality, DocumentType, Urgency
from vanthu.incoming.forms import DATE_WIDGET, MultipleFileField
from vanthu.incoming.models import IncomingDocument
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import ExternalAgency, Unit, User

from .models import Channel, Placement, SigningAuthority
from .numbering import can_be_normative
from .services import RecipientSpec
from .services.rules import SIGNER_ROLES

_LINE = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]+)>\s*$")


def style(form: forms.Form) -> None:
    """Bootstrap classes on every widget (as the other apps' forms do)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


def signers_of(agency_id: int | None):
    """Who may be proposed to sign: the agency's leaders and unit heads."""
    return (
        User.objects.filter(agency_id=agency_id, is_active=True, role__in=SIGNER_ROLES)
        .select_related("unit")
        .order_by("role", "last_name", "first_name", "id")
    )


def parse_recipient_lines(text: str) -> list[tuple[str, str]]:
    """Free-text recipients, one a line: ``Công ty ABC`` or ``Công ty ABC <abc@example.vn>``.

    Returns (name, e-mail) pairs; a ValidationError names the lines that cannot be read."""
    rows: list[tuple[str, str]] = []
    bad: list[str] = []
    for raw in (text or "").splitlines():
        line = raw.strip().lstrip("-–•+* ").strip()
        if not line:
            continue
        match = _LINE.match(line)
        name, email = (match["name"].strip(), match["email"].strip()) if match else (line, "")
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                bad.append(raw.strip())
                continue
        if not name or "<" in name or ">" in name:
            bad.append(raw.strip())
            continue
        rows.append((name[:300], email))
    if bad:
        raise forms.ValidationError(
            _("Không đọc được dòng: %(lines)s. Mỗi dòng một nơi nhận: “Tên” hoặc “Tên <thư điện tử>”.")
            % {"lines": "; ".join(bad)}
        )
    return rows


def recipient_lines_text(recipients) -> str:
    """The free-text recipients of a document back as lines (for the edit form)."""
    lines = []
    for r in recipients:
        if r.unit_id or r.external_id:
            continue
        lines.append(f"{r.name} <{r.email}>" if r.email else r.name)
    return "\n".join(lines)


class RecipientsMixin:
    """Kính gửi / Nơi nhận: units of the agency, agencies of the directory, free-text lines; each group is placed
    after "Kính gửi" or only in "Nơi nhận"."""

    def add_recipient_fields(self, agency_id: int | None) -> None:
        placement = {"choices": Placement.choices, "initial": Placement.ADDRESSEE}
        self.fields["recipient_agencies"] = forms.ModelMultipleChoiceField(
            label=_l("Cơ quan nhận (danh bạ)"),
            queryset=ExternalAgency.objects.filter(is_active=True).exclude(internal_agency_id=agency_id),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}),
            help_text=_l("Giữ Ctrl để chọn nhiều cơ quan"),
        )
        self.fields["agencies_placement"] = forms.ChoiceField(label=_l("Vị trí"), **placement)
        self.fields["recipient_units"] = forms.ModelMultipleChoiceField(
            label=_l("Đơn vị trong cơ quan"),
            queryset=Unit.objects.filter(agency_id=agency_id, is_active=True),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["units_placement"] = forms.ChoiceField(
            label=_l("Vị trí"), choices=Placement.choices, initial=Placement.LISTED
        )
        self.fields["recipient_lines"] = forms.CharField(
            label=_l("Nơi nhận khác"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "placeholder": _l("Công ty ABC <abc@example.vn>")}),
            help_text=_l("Mỗi dòng một nơi nhận: “Tên” (gửi bưu điện) hoặc “Tên <thư điện tử>”"),
        )
        self.fields["lines_placement"] = forms.ChoiceField(label=_l("Vị trí"), **placement)

    def clean_recipient_lines(self) -> list[tuple[str, str]]:
        return parse_recipient_lines(self.cleaned_data.get("recipient_lines", ""))

    def recipient_specs(self, secret: bool) -> list[RecipientSpec]:
        c = self.cleaned_data
        specs = [
            RecipientSpec(
                external=a,
                placement=c["agencies_placement"],
                # an agency outside the installation with an e-mail address gets it by e-mail (never a secret one)
                channel=Channel.EMAIL if a.email and not a.internal_agency_id and not secret else "",
            )
            for a in c["recipient_agencies"]
        ]
        specs += [RecipientSpec(unit=u, placement=c["units_placement"]) for u in c["recipient_units"]]
        specs += [
            RecipientSpec(
                name=name,
                email=email,
                placement=c["lines_placement"],
                channel=Channel.EMAIL if email and not secret else Channel.POST,
            )
            for name, email in c["recipient_lines"]
        ]
        return specs

    @staticmethod
    def recipients_initial(recipients) -> dict:
        rows = list(recipients)
        agencies = [r for r in rows if r.external_id]
        units = [r for r in rows if r.unit_id]
        lines = [r for r in rows if not r.unit_id and not r.external_id]
        initial = {
            "recipient_agencies": [r.external_id for r in agencies],
            "recipient_units": [r.unit_id for r in units],
            "recipient_lines": recipient_lines_text(lines),
        }
        for key, group in (
            ("agencies_placement", agencies),
            ("units_placement", units),
            ("lines_placement", lines),
        ):
            if group:
                initial[key] = group[0].placement
        return initial


class _DraftFields(forms.Form):
    abstract = forms.CharField(
        label=_l("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposed_signer = forms.ModelChoiceField(label=_l("Người ký dự kiến"), queryset=User.objects.none())
    signing_authority = forms.ChoiceField(
        label=_l("Thẩm quyền ký"), choices=SigningAuthority.choices, required=False
    )
    authority_of = forms.CharField(
        label=_l("Thay mặt, ký thay cho"),
        max_length=100,
        required=False,
        help_text=_l(
            "Sau TM.: tên tập thể (Ủy ban nhân dân); sau KT., TL., TUQ., Q.: chức vụ người đứng đầu (Chủ tịch)"
        ),
    )
    signer_title = forms.CharField(
        label=_l("Chức vụ người ký"),
        max_length=100,
        required=False,
        help_text=_l("Để trống: chức vụ của người ký dự kiến"),
    )
    urgency = forms.TypedChoiceField(label=_l("Độ khẩn"), choices=Urgency.choices, coerce=int, initial=0)
    deadline = forms.DateField(label=_l("Hạn xử lý"), required=False, widget=DATE_WIDGET)
    close_replied = forms.BooleanField(
        label=_l("Kết thúc xử lý văn bản đến được trả lời khi phát hành"), required=False
    )
    note = forms.CharField(
        label=_l("Ghi chú"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["abstract"].error_messages["required"] = _("Hãy nhập trích yếu.")
        self.fields["proposed_signer"].queryset = signers_of(user.agency_id)
        self.fields["proposed_signer"].label_from_instance = lambda u: " — ".join(
            filter(None, [u.display_name, u.position])
        )

    def clean_abstract(self) -> str:
        text = self.cleaned_data["abstract"].strip()
        if not text:
            raise forms.ValidationError(_("Hãy nhập trích yếu."))
        return text

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline < timezone.localdate():
            raise forms.ValidationError(_("Hạn xử lý không được trước ngày hôm nay."))
        return deadline

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("signing_authority") and not (cleaned.get("authority_of") or "").strip():
            self.add_error(
                "authority_of",
                _("Ký “%(a)s.” cần ghi tên tập thể hoặc chức vụ người đứng đầu.")
                % {"a": cleaned["signing_authority"]},
            )
        return cleaned

    def draft_kwargs(self) -> dict:
        c = self.cleaned_data
        return {
            "abstract": c["abstract"],
            "proposed_signer": c["proposed_signer"],
            "signing_authority": c["signing_authority"],
            "authority_of": c["authority_of"].strip(),
            "signer_title": c["signer_title"].strip(),
            "urgency": c["urgency"],
            "deadline": c["deadline"],
            "close_replied": c["close_replied"],
            "note": c["note"].strip(),
        }


class DraftForm(RecipientsMixin, _DraftFields):
    """Soạn dự thảo: everything of a new draft, its files and the incoming documents it answers."""

    doc_type = forms.ModelChoiceField(
        label=_l("Loại văn bản"), queryset=DocumentType.objects.filter(is_active=True), empty_label=None
    )
    is_normative = forms.BooleanField(
        label=_l("Văn bản quy phạm pháp luật"),
        required=False,
        help_text=_l(
            "Chỉ Quyết định, Nghị quyết và các loại văn bản quy phạm; số có năm ban hành (05/2026/QĐ-UBND)"
        ),
    )
    drafting_unit = forms.ModelChoiceField(label=_l("Đơn vị soạn thảo"), queryset=Unit.objects.none())
    confidentiality = forms.TypedChoiceField(
        label=_l("Độ mật"), choices=Confidentiality.choices, coerce=int, initial=0
    )
    files = MultipleFileField(
        label=_l("Tệp dự thảo (DOCX hoặc PDF)"),
        required=False,
        help_text=_l("Có thể chọn nhiều tệp; tệp chọn sau cùng là bản mới nhất"),
    )
    pending_files = forms.CharField(required=False, widget=forms.HiddenInput)
    replies_to = forms.CharField(required=False, widget=forms.HiddenInput)

    field_order = ["doc_type", "is_normative", "abstract", "drafting_unit"]

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["drafting_unit"].queryset = Unit.objects.filter(agency_id=user.agency_id, is_active=True)
        self.fields["drafting_unit"].initial = user.unit_id
        self.fields["doc_type"].initial = (
            DocumentType.objects.filter(code="cong-van").values_list("pk", flat=True).first()
        )
        self.add_recipient_fields(user.agency_id)
        self.normative_type_ids = [t.pk for t in self.fields["doc_type"].queryset if can_be_normative(t)]
        style(self)

    def clean_replies_to(self) -> list[IncomingDocument]:
        ids = [int(x) for x in self.cleaned_data.get("replies_to", "").split(",") if x.strip().isdigit()]
        if not ids:
            return []
        docs = list(visible_incoming(self.user).filter(pk__in=ids).select_related("doc_type"))
        if len(docs) != len(set(ids)):  # a hidden field: the message goes on top of the form
            self.add_error(None, _("Chỉ trả lời văn bản đến mà bạn được xem."))
        return docs

    def clean(self):
        cleaned = super().clean()
        doc_type = cleaned.get("doc_type")
        if doc_type is not None and cleaned.get("is_normative") and not can_be_normative(doc_type):
            self.add_error(
                "is_normative",
                _("Loại “%(type)s” không phải văn bản quy phạm pháp luật.") % {"type": doc_type.name},
            )
        return cleaned

    def create_kwargs(self) -> dict:
        c = self.cleaned_data
        return {
            **self.draft_kwargs(),
            "doc_type": c["doc_type"],
            "is_normative": c["is_normative"],
            "drafting_unit": c["drafting_unit"],
            "confidentiality": c["confidentiality"],
            "replies_to": c["replies_to"],
            "recipients": self.recipient_specs(secret=c["confidentiality"] > 0),
        }


class EditDraftForm(RecipientsMixin, _DraftFields):
    """Sửa dự thảo: the fields its keeper may change, and the recipients."""

    page_count = forms.IntegerField(label=_l("Số trang"), required=False, min_value=1, max_value=9999)
    copies = forms.IntegerField(label=_l("Số bản"), required=False, min_value=1, max_value=9999)

    def __init__(self, *args, user: User, doc, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.doc = doc
        self.add_recipient_fields(user.agency_id)
        style(self)

    @classmethod
    def initial_for(cls, doc) -> dict:
        initial = {
            name: getattr(doc, name)
            for name in (
                "abstract",
                "signing_authority",
                "authority_of",
                "signer_title",
                "urgency",
                "deadline",
                "close_replied",
                "note",
                "page_count",
                "copies",
            )
        }
        initial["proposed_signer"] = doc.proposed_signer_id
        return {**initial, **RecipientsMixin.recipients_initial(doc.recipients.all())}

    def update_kwargs(self) -> dict:
        c = self.cleaned_data
        return {**self.draft_kwargs(), "page_count": c["page_count"], "copies": c["copies"]}


class RecipientsForm(RecipientsMixin, forms.Form):
    """Nơi nhận only: a signed document waiting for its number may still get its recipients corrected."""

    def __init__(self, *args, user: User, doc, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.doc = user, doc
        self.add_recipient_fields(user.agency_id)
        style(self)


class VersionForm(forms.Form):
    """Thêm phiên bản dự thảo."""

    file = forms.FileField(label=_l("Tệp dự thảo mới (DOCX hoặc PDF)"))
    note = forms.CharField(label=_l("Nội dung sửa đổi"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = _("Hãy chọn tệp dự thảo.")
        style(self)

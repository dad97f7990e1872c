"""Forms of the incoming context; every message in Vietnamese, shown next to its field."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.common.notation import NotationError, parse_code
from vanthu.documents.models import Confidentiality, DocumentType, Urgency
from vanthu.organization.models import LEADER_ROLES, ExternalAgency, Role, Unit, User
from vanthu.organization.services import calendar_for
from vanthu.registers.models import Register

from .models import Channel

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "class": "form-control"})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class DeadlineMixin:
    """A deadline typed as a date or as N working days from today (hạn xử lý)."""

    agency_id: int | None = None

    def clean_deadline_pair(self, cleaned: dict) -> date | None:
        deadline = cleaned.get("deadline")
        days = cleaned.get("deadline_days")
        if deadline and days:
            self.add_error(
                "deadline_days", _("Chỉ nhập hạn theo ngày hoặc theo số ngày làm việc, không nhập cả hai.")
            )
            return deadline
        if days:
            deadline = calendar_for(self.agency_id).add_working_days(timezone.localdate(), days)
            cleaned["deadline"] = deadline
        if deadline and deadline < timezone.localdate():
            self.add_error("deadline", _("Hạn xử lý không được trước ngày hôm nay."))
        return deadline


def deadline_fields():
    return (
        forms.DateField(label=_l("Hạn xử lý"), required=False, widget=DATE_WIDGET),
        forms.IntegerField(
            label=_l("hoặc số ngày làm việc"),
            required=False,
            min_value=1,
            max_value=365,
            widget=forms.NumberInput(attrs={"class": "form-control", "placeholder": "VD: 5"}),
        ),
    )


class RegisterIncomingForm(forms.Form):
    """Vào sổ văn bản đến — every field of Decree 30 Appendix VI part II."""

    register = forms.ModelChoiceField(
        label=_l("Sổ văn bản"), queryset=Register.objects.none(), empty_label=None
    )
    received_at = forms.DateTimeField(
        label=_l("Ngày đến"), widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M")
    )
    channel = forms.ChoiceField(label=_l("Hình thức nhận"), choices=Channel.choices, initial=Channel.PAPER)
    sender_name = forms.CharField(
        label=_l("Cơ quan ban hành"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "directory", "autocomplete": "off"}),
        help_text=_l("Chọn trong danh bạ hoặc gõ tên cơ quan"),
    )
    code = forms.CharField(
        label=_l("Số, ký hiệu"),
        max_length=45,
        widget=forms.TextInput(attrs={"placeholder": "VD: 45/UBND-TH"}),
    )
    document_date = forms.DateField(label=_l("Ngày văn bản"), widget=DATE_WIDGET)
    doc_type = forms.ModelChoiceField(
        label=_l("Loại văn bản"),
        queryset=DocumentType.objects.filter(is_active=True),
        required=False,
        empty_label=_l("(Tự nhận theo ký hiệu)"),
        help_text=_l("Để trống: nhận loại từ ký hiệu (QĐ → Quyết định; không có tên loại → Công văn)"),
    )
    abstract = forms.CharField(
        label=_l("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    signer_name = forms.CharField(label=_l("Người ký"), max_length=50, required=False)
    signer_position = forms.CharField(label=_l("Chức vụ người ký"), max_length=100, required=False)
    urgency = forms.TypedChoiceField(label=_l("Độ khẩn"), choices=Urgency.choices, coerce=int, initial=0)
    confidentiality = forms.TypedChoiceField(
        label=_l("Độ mật"), choices=Confidentiality.choices, coerce=int, initial=0
    )
    page_count = forms.IntegerField(label=_l("Số trang"), required=False, min_value=1, max_value=9999)
    reply_due = forms.DateField(label=_l("Hạn trả lời"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(
        label=_l("Ghi chú"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(label=_l("Tệp đính kèm (PDF, ảnh)"), required=False)
    pending_files = forms.CharField(required=False, widget=forms.HiddenInput)
    confirm_duplicate = forms.BooleanField(
        label=_l("Tôi đã kiểm tra, vẫn vào sổ văn bản này"), required=False
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["register"].queryset = Register.objects.filter(
            agency_id=user.agency_id, direction=Register.Direction.INCOMING, is_active=True
        ).order_by("is_secret", "-is_default", "name")
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.duplicates = []
        self.sender = None
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)

    def clean_code(self) -> str:
        try:
            parsed = parse_code(self.cleaned_data["code"])
        except NotationError as exc:
            raise forms.ValidationError(str(exc)) from exc
        self.parsed_code = parsed
        return parsed.full

    def clean(self):
        cleaned = super().clean()
        register = cleaned.get("register")
        secret = (cleaned.get("confidentiality") or 0) > 0
        if register is not None and register.is_secret != secret:
            self.add_error(
                "register",
                _("Văn bản mật phải vào sổ văn bản mật.")
                if secret
                else _("Văn bản thường không vào sổ văn bản mật."),
            )
        name = (cleaned.get("sender_name") or "").strip()
        if name:
            self.sender = ExternalAgency.objects.filter(name__iexact=name, is_active=True).first()
        if not cleaned.get("doc_type") and hasattr(self, "parsed_code"):
            cleaned["doc_type"] = self._infer_type(self.parsed_code)
            if cleaned["doc_type"] is None:
                self.add_error(
                    "doc_type", _("Không nhận được loại văn bản từ ký hiệu, vui lòng chọn loại văn bản.")
                )
        doc_date = cleaned.get("document_date")
        if doc_date and doc_date > timezone.localdate():
            self.add_error("document_date", _("Ngày văn bản không được sau ngày hôm nay."))
        received = cleaned.get("received_at")
        if received and doc_date and timezone.localtime(received).date() < doc_date:
            self.add_error("received_at", _("Ngày đến không được trước ngày văn bản."))
        if hasattr(self, "parsed_code") and doc_date and name and not self.errors:
            from .services import find_duplicates

            self.duplicates = list(
                find_duplicates(
                    self.user.agency_id,
                    self.parsed_code.number,
                    self.parsed_code.full.split("/", 1)[1],
                    self.sender.name if self.sender else name,
                    doc_date,
                ).filter(pk__in=_visible_ids(self.user))[:5]
            )
            if self.duplicates and not cleaned.get("confirm_duplicate"):
                self.add_error(
                    "code",
                    _(
                        "Văn bản có cùng số, ký hiệu, cơ quan ban hành và năm đã được vào sổ. Kiểm tra trước khi lưu."
                    ),
                )
        return cleaned

    @staticmethod
    def _infer_type(parsed) -> DocumentType | None:
        """The type named by the notation's abbreviation (QĐ, KH…); a notation without one is a công văn."""
        if parsed.type_abbreviation is None:
            return DocumentType.objects.filter(code="cong-van").first()
        known = parsed.doc_type
        return DocumentType.objects.filter(code=known.code).first() if known else None

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        number, notation = c["code"].split("/", 1)
        return {
            "register": c["register"],
            "received_at": c["received_at"],
            "channel": c["channel"],
            "sender": self.sender,
            "sender_name": c["sender_name"].strip(),
            "code_number": number,
            "code_notation": notation,
            "document_date": c["document_date"],
            "doc_type": c["doc_type"],
            "abstract": c["abstract"].strip(),
            "signer_name": c["signer_name"].strip(),
            "signer_position": c["signer_position"].strip(),
            "urgency": c["urgency"],
            "confidentiality": c["confidentiality"],
            "page_count": c["page_count"],
            "reply_due": c["reply_due"],
            "note": c["note"].strip(),
        }


def _visible_ids(user):
    from .visibility import visible_incoming

    return visible_incoming(user).values("pk")


class _ActionForm(forms.Form):
    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.agency_id = user.agency_id
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class PresentForm(_ActionForm):
    leader = forms.ModelChoiceField(label=_l("Trình lãnh đạo"), queryset=User.objects.none())
    note = forms.CharField(
        label=_l("Ý kiến đề xuất"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = User.objects.filter(
            agency_id=self.user.agency_id, role__in=LEADER_ROLES, is_active=True
        ).exclude(pk=self.user.pk)


class DirectForm(DeadlineMixin, _ActionForm):
    direction = forms.CharField(label=_l("Ý kiến chỉ đạo"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = forms.ModelChoiceField(
        label=_l("Đơn vị chủ trì"), queryset=Unit.objects.none(), required=False
    )
    lead_user = forms.ModelChoiceField(
        label=_l("hoặc cá nhân chủ trì"), queryset=User.objects.none(), required=False
    )
    coop_units = forms.ModelMultipleChoiceField(
        label=_l("Đơn vị phối hợp"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    info_units = forms.ModelMultipleChoiceField(
        label=_l("Đơn vị để biết"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deadline, deadline_days = deadline_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(agency_id=self.user.agency_id, is_active=True)
        for name in ("lead_unit", "coop_units", "info_units"):
            self.fields[name].queryset = units
        self.fields["lead_user"].queryset = User.objects.filter(
            agency_id=self.user.agency_id, is_active=True
        ).exclude(role=Role.ADMIN)

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("lead_unit")) == bool(cleaned.get("lead_user")):
            self.add_error("lead_unit", _("Chọn một đơn vị chủ trì hoặc một cá nhân chủ trì."))
        self.clean_deadline_pair(cleaned)
        return cleaned


class ForwardForm(DeadlineMixin, _ActionForm):
    unit = forms.ModelChoiceField(label=_l("Chuyển đơn vị xử lý"), queryset=Unit.objects.none())
    note = forms.CharField(label=_l("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    deadline, deadline_days = deadline_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency_id=self.user.agency_id, is_active=True)

    def clean(self):
        cleaned = super().clean()
        self.clean_deadline_pair(cleaned)
        return cleaned


class DelegateForm(DeadlineMixin, _ActionForm):
    assignee = forms.ModelChoiceField(label=_l("Phân công chuyên viên"), queryset=User.objects.none())
    note = forms.CharField(label=_l("Ý kiến giao"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    deadline, deadline_days = deadline_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(unit_id=self.user.unit_id, is_active=True)
        self.fields["deadline"].label = _l("Hạn xử lý nội bộ")

    def clean(self):
        cleaned = super().clean()
        self.clean_deadline_pair(cleaned)
        return cleaned


class TextForm(_ActionForm):
    """One required text: a progress note, a result, a reason, an input (the template labels it per action)."""

    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _("Vui lòng nhập nội dung.")

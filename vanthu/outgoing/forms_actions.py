"""Small forms of the actions on an outgoing document (trình, đồng ý, trả lại, chuyển, ký, phát hành…)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.incoming.forms import DATE_WIDGET
from vanthu.organization.models import User

from .forms import signers_of, style
from .models import AmendKind, Channel, Recipient
from .states import DeliveryState


def _person(u: User) -> str:
    return " — ".join(filter(None, [u.display_name, u.position, u.unit.abbreviation if u.unit_id else ""]))


class ActionForm(forms.Form):
    """Every action form gets the user and the document; ``choices`` limits who the draft may go to next."""

    def __init__(self, *args, user: User, doc, people: list[User] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.doc = user, doc
        if "to" in self.fields:
            field = self.fields["to"]
            field.queryset = User.objects.filter(pk__in=[p.pk for p in people or []]).select_related("unit")
            field.label_from_instance = _person
        style(self)


def _comment(label, required: bool = False) -> forms.CharField:
    field = forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 2}))
    field.error_messages["required"] = _l("Vui lòng nhập nội dung.")
    return field


class SubmitForm(ActionForm):
    """Trình: the drafter chooses the next person when the chain's step has several people."""

    to = forms.ModelChoiceField(label=_l("Trình cho"), queryset=User.objects.none(), required=False)
    note = _comment(_l("Ý kiến đề xuất"))


class ApproveForm(ActionForm):
    to = forms.ModelChoiceField(label=_l("Trình tiếp cho"), queryset=User.objects.none(), required=False)
    comment = _comment(_l("Ý kiến"))


class ReturnForm(ActionForm):
    comment = _comment(_l("Ý kiến, yêu cầu chỉnh sửa"), required=True)


class ForwardForm(ActionForm):
    to = forms.ModelChoiceField(label=_l("Chuyển cho"), queryset=User.objects.none())
    comment = _comment(_l("Ý kiến"))


class SignForm(ActionForm):
    file = forms.FileField(
        label=_l("Bản đã ký số (PDF)"),
        required=False,
        help_text=_l("Không bắt buộc: tải lên bản PDF đã ký số nếu có"),
    )
    comment = _comment(_l("Ý kiến"))


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Ngày không được sau hôm nay."))
    return value


class IssueForm(ActionForm):
    issued_on = forms.DateField(label=_l("Ngày ban hành"), required=False, widget=DATE_WIDGET)
    page_count = forms.IntegerField(label=_l("Số trang"), required=False, min_value=1, max_value=9999)
    copies = forms.IntegerField(
        label=_l("Số bản"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=_l("Để trống: mỗi nơi nhận một bản và hai bản lưu"),
    )
    note = _comment(_l("Ghi chú"))

    def clean_issued_on(self):
        return _not_future(self.cleaned_data.get("issued_on"))


class ReserveForm(ActionForm):
    """Lấy số cho văn bản giấy ký tay."""

    signed_by = forms.ModelChoiceField(label=_l("Người đã ký"), queryset=User.objects.none())
    signed_on = forms.DateField(label=_l("Ngày ký"), required=False, widget=DATE_WIDGET)
    issued_on = forms.DateField(label=_l("Ngày ban hành"), required=False, widget=DATE_WIDGET)
    note = _comment(_l("Ghi chú"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["signed_by"]
        field.queryset = signers_of(self.user.agency_id)
        field.label_from_instance = _person
        field.initial = self.doc.signed_by_id or self.doc.proposed_signer_id

    def clean_signed_on(self):
        return _not_future(self.cleaned_data.get("signed_on"))

    def clean_issued_on(self):
        return _not_future(self.cleaned_data.get("issued_on"))


class ScanForm(ActionForm):
    file = forms.FileField(label=_l("Bản quét văn bản đã ký (PDF)"))
    page_count = forms.IntegerField(label=_l("Số trang"), required=False, min_value=1, max_value=9999)
    note = _comment(_l("Ghi chú"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["required"] = _("Hãy chọn tệp bản quét.")


class MarkSentForm(ActionForm):
    """Đã gửi: a recipient sent by e-mail or handed to the post (the postal register's columns)."""

    recipient = forms.ModelChoiceField(label=_l("Nơi nhận"), queryset=Recipient.objects.none())
    sent_on = forms.DateField(label=_l("Ngày chuyển"), required=False, widget=DATE_WIDGET)
    envelopes = forms.IntegerField(label=_l("Số lượng bì"), min_value=1, max_value=999, initial=1)
    receipt = forms.CharField(label=_l("Ký nhận và dấu bưu điện"), max_length=200, required=False)
    note = forms.CharField(label=_l("Ghi chú"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["recipient"]
        field.queryset = pending_recipients(self.doc)
        field.label_from_instance = lambda r: f"{r.name} ({r.get_channel_display()})"

    def clean_sent_on(self):
        return _not_future(self.cleaned_data.get("sent_on"))


def pending_recipients(doc):
    return Recipient.objects.filter(
        document=doc, state=DeliveryState.PENDING, channel__in=[Channel.EMAIL, Channel.POST]
    ).order_by("order", "id")


class RecallForm(ActionForm):
    reason = _comment(_l("Lý do thu hồi"), required=True)


class CancelForm(ActionForm):
    reason = _comment(_l("Lý do hủy dự thảo"), required=True)


class AmendForm(ActionForm):
    kind = forms.ChoiceField(label=_l("Hình thức"), choices=AmendKind.choices, widget=forms.RadioSelect)
    abstract = forms.CharField(
        label=_l("Trích yếu của văn bản mới"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_l("Để trống: đính chính ghi “Về việc đính chính …”, thay thế giữ trích yếu cũ"),
    )


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "submit": SubmitForm,
    "approve": ApproveForm,
    "return": ReturnForm,
    "forward": ForwardForm,
    "sign": SignForm,
    "issue": IssueForm,
    "reserve_number": ReserveForm,
    "attach_scan": ScanForm,
    "mark_sent": MarkSentForm,
    "recall": RecallForm,
    "cancel": CancelForm,
    "amend": AmendForm,
}

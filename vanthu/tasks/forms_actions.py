"""Forms of the actions on one task: report progress, ask for and decide an extension, complete, reopen,
withdraw, remind. The services check the rules; these check what was typed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _l

from vanthu.incoming.forms import DATE_WIDGET, MultipleFileField

from .forms import style


class _ActionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class _FilesMixin(forms.Form):
    files = MultipleFileField(label=_l("Tệp đính kèm (PDF, ảnh)"), required=False)
    pending_files = forms.CharField(required=False, widget=forms.HiddenInput)


class ReportForm(_FilesMixin, _ActionForm):
    text = forms.CharField(
        label=_l("Nội dung báo cáo tiến độ"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _l("Hãy nhập nội dung báo cáo tiến độ.")},
    )
    percent = forms.IntegerField(
        label=_l("Tiến độ (%)"),
        min_value=0,
        max_value=99,
        error_messages={
            "required": _l("Hãy nhập tiến độ (%)."),
            "max_value": _l("Tiến độ phải từ 0 đến 99%%; khi đã xong hãy chọn “Báo cáo hoàn thành”."),
            "min_value": _l("Tiến độ phải từ 0 đến 99%%."),
        },
    )
    report_code = forms.CharField(label=_l("Số, ký hiệu văn bản báo cáo"), max_length=50, required=False)


class ExtensionRequestForm(_ActionForm):
    reason = forms.CharField(
        label=_l("Lý do xin gia hạn"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _l("Hãy nêu lý do xin gia hạn.")},
    )
    proposed_deadline = forms.DateField(
        label=_l("Thời hạn đề nghị"),
        widget=DATE_WIDGET,
        error_messages={"required": _l("Hãy nhập thời hạn đề nghị.")},
    )


class DecideExtensionForm(_ActionForm):
    decision = forms.ChoiceField(
        label=_l("Ý kiến"),
        choices=[("approve", _l("Đồng ý gia hạn")), ("refuse", _l("Không đồng ý"))],
        widget=forms.RadioSelect,
        initial="approve",
    )
    note = forms.CharField(
        label=_l("Ý kiến của lãnh đạo"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_l("Bắt buộc khi không đồng ý"),
    )
    deadline = forms.DateField(
        label=_l("Gia hạn đến ngày khác"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_l("Để trống: đồng ý theo thời hạn đề nghị"),
    )


class CompleteForm(_FilesMixin, _ActionForm):
    result = forms.CharField(
        label=_l("Kết quả thực hiện"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _l("Hãy nhập kết quả thực hiện.")},
    )
    report_code = forms.CharField(label=_l("Số, ký hiệu văn bản báo cáo"), max_length=50, required=False)
    completed_on = forms.DateField(label=_l("Ngày hoàn thành"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("completed_on", timezone.localdate())


class ReasonForm(_ActionForm):
    reason = forms.CharField(
        label=_l("Lý do"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _l("Hãy nêu lý do.")},
    )


class RemindForm(_ActionForm):
    note = forms.CharField(
        label=_l("Nội dung đôn đốc"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


#: action → form class; the names are the ``action`` of ``tasks:action``
ACTION_FORMS: dict[str, type[forms.Form]] = {
    "report": ReportForm,
    "request_extension": ExtensionRequestForm,
    "decide_extension": DecideExtensionForm,
    "complete": CompleteForm,
    "reopen": ReasonForm,
    "cancel": ReasonForm,
    "remind": RemindForm,
}

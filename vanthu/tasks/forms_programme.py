"""Forms of the work programme pages: create the year's programme, import its items, move an item."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import style
from .models import ProgrammeItem

#: an XLSX programme is small; anything larger is not one
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Tên chương trình"), max_length=300)
    decision_code = forms.CharField(
        label=gettext_lazy("Số, ký hiệu quyết định ban hành"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("Ví dụ: 125/QĐ-UBND"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy(
            "Các cột: STT, Nội dung, Loại, Cơ quan chủ trì, Thời gian trình, Lãnh đạo phụ trách"
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx (hãy dùng tệp mẫu)."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        return upload


class MoveForm(forms.Form):
    new_month = forms.TypedChoiceField(label=gettext_lazy("Lùi sang tháng"), coerce=int)
    reason = forms.CharField(
        label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )

    def __init__(self, *args, item: ProgrammeItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_month"].choices = [
            (m, _("Tháng %(month)d") % {"month": m}) for m in range(item.current_month + 1, 13)
        ]
        style(self)

"""Giao nhiều nhiệm vụ từ kế hoạch: the common part, the pasted text or workbook, and the editable rows."""

from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.forms.utils import flatatt
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.organization.models import ExternalAgency, Unit

from .forms import AssignmentHeaderForm, directory_for, lead_choices, style, units_of
from .itemparse import MAX_ITEMS, Candidate, Deadline, DeadlineError, Item, Matcher, parse_deadline
from .models import DeadlineKind, SourceKind
from .services import TaskSpec


class BulkCommonForm(AssignmentHeaderForm):
    """The part every item shares, plus where the items come from (pasted text or an .xlsx file)."""

    default_deadline = forms.CharField(
        label=_l("Thời hạn chung"),
        max_length=40,
        required=False,
        help_text=_l(
            "Cho các dòng không ghi thời hạn: ngày (dd/mm/yyyy), số ngày làm việc hoặc “thường xuyên”"
        ),
    )
    paste = forms.CharField(
        label=_l("Dán danh sách nhiệm vụ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_l(
            "Mỗi dòng một nhiệm vụ; số thứ tự đầu dòng (1., 2), a), II.3.) thành số mục. Dán từ Excel các cột: "
            "nội dung – đơn vị chủ trì – thời hạn (ngăn cách bằng Tab)."
        ),
    )
    xlsx = forms.FileField(
        label=_l("hoặc tải tệp Excel (.xlsx)"),
        required=False,
        help_text=_l("Các cột: STT | Nội dung | Chủ trì | Phối hợp | Thời hạn"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("source_kind", SourceKind.PLAN)
        self.fields["xlsx"].widget.attrs["accept"] = ".xlsx"
        style(self)

    def clean_default_deadline(self) -> Deadline:
        try:
            return parse_deadline(self.cleaned_data.get("default_deadline", ""))
        except DeadlineError as exc:
            raise forms.ValidationError(str(exc)) from exc


class FastSelect(forms.Widget):
    """A select whose options are rendered once for all the rows of the table (thirty rows × a directory of
    hundreds of agencies would otherwise render thousands of option templates)."""

    def __init__(self, options_html: str, attrs=None):
        super().__init__(attrs)
        self.options_html = options_html

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        html = self.options_html
        if value:
            marker = f'value="{escape(value)}"'
            html = html.replace(marker, f"{marker} selected", 1)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final), mark_safe(html))


def options_html(choices: list) -> str:
    """The <option>/<optgroup> markup of a (grouped) choices list."""
    parts = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            inner = format_html_join("", '<option value="{}">{}</option>', label)
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', value, inner))
        else:
            parts.append(format_html('<option value="{}">{}</option>', value, label))
    return "".join(parts)


class LeadChoices:
    """The lead select and the name matcher of one agency, built once per request."""

    def __init__(self, agency_id: int | None) -> None:
        units = list(units_of(agency_id))
        externals = list(directory_for(agency_id).only("pk", "name", "abbreviation"))
        self.choices = lead_choices(agency_id, units=units, externals=externals)
        self.html = options_html(self.choices)
        self.matcher = Matcher(
            [Candidate(f"u:{u.pk}", u.name, u.abbreviation) for u in units]
            + [Candidate(f"e:{e.pk}", e.name, e.abbreviation) for e in externals]
        )
        self.names = {c.key: c.name for c in self.matcher.candidates}
        self.objects: dict[str, Unit | ExternalAgency] = {f"u:{u.pk}": u for u in units}
        self.objects.update({f"e:{e.pk}": e for e in externals})

    def lead_pair(self, key: str) -> tuple[Unit | None, ExternalAgency | None]:
        found = self.objects.get(key or "")
        if isinstance(found, Unit):
            return found, None
        return None, found


class BulkRowForm(forms.Form):
    """One item of the plan in the preview table."""

    number = forms.CharField(label=_l("Mục"), max_length=20, required=False)
    content = forms.CharField(
        label=_l("Nội dung nhiệm vụ"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _l("Hãy nhập nội dung nhiệm vụ.")},
    )
    lead = forms.ChoiceField(label=_l("Chủ trì"), required=False)
    lead_text = forms.CharField(required=False, widget=forms.HiddenInput)
    coop = forms.CharField(
        label=_l("Phối hợp"), max_length=500, required=False, widget=forms.TextInput(attrs={"size": 12})
    )
    deadline = forms.CharField(
        label=_l("Thời hạn"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}),
    )

    def __init__(self, *args, leads: LeadChoices, agency_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.leads, self.agency_id = leads, agency_id
        self.fields["lead"].choices = leads.choices
        self.fields["lead"].widget = FastSelect(leads.html, attrs={"class": "form-select"})
        style(self)
        for f in self.fields.values():
            f.widget.attrs["class"] = f.widget.attrs.get("class", "") + " form-control-sm"

    def clean(self):
        cleaned = super().clean()
        unit, external = self.leads.lead_pair(cleaned.get("lead", ""))
        cleaned["lead_unit"], cleaned["lead_external"] = unit, external
        if not (unit or external):
            typed = (cleaned.get("lead_text") or "").strip()
            if typed and not cleaned.get("lead"):
                self.add_error(
                    "lead",
                    _("Không tìm thấy đơn vị “%(name)s”; hãy chọn trong danh sách.") % {"name": typed},
                )
            else:
                self.add_error("lead", _("Hãy chọn đơn vị hoặc cơ quan chủ trì."))
        found, missing = self.leads.matcher.find_many(cleaned.get("coop", ""))
        if missing:
            self.add_error(
                "coop",
                _("Không tìm thấy: %(names)s. Ghi tên hoặc tên viết tắt, cách nhau bởi dấu phẩy.")
                % {"names": ", ".join(missing)},
            )
        cleaned["coop_units"] = [c for c in found if c.key.startswith("u:")]
        cleaned["coop_externals"] = [c for c in found if c.key.startswith("e:")]
        try:
            cleaned["parsed_deadline"] = parse_deadline(cleaned.get("deadline", ""))
        except DeadlineError as exc:
            self.add_error("deadline", str(exc))
        return cleaned


class BaseRowFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return dict(self.form_kwargs)


RowFormSet = formset_factory(
    BulkRowForm,
    formset=BaseRowFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_ITEMS,
    validate_max=True,
    absolute_max=MAX_ITEMS,
)

PREFIX = "rows"


def rows_data(items: list[Item], leads: LeadChoices) -> dict[str, str]:
    """The POST data of a row formset holding ``items`` (names matched to units and agencies)."""
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(items)),
        f"{PREFIX}-INITIAL_FORMS": "0",
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": str(MAX_ITEMS),
    }
    for i, item in enumerate(items):
        lead = leads.matcher.find(item.lead_text) if item.lead_text else None
        coop_found, coop_missing = leads.matcher.find_many(item.coop_text)
        coop = [leads.names[c.key] for c in coop_found] + coop_missing
        data.update(
            {
                f"{PREFIX}-{i}-number": item.number,
                f"{PREFIX}-{i}-content": item.content,
                f"{PREFIX}-{i}-lead": lead.key if lead else "",
                f"{PREFIX}-{i}-lead_text": "" if lead else item.lead_text,
                f"{PREFIX}-{i}-coop": ", ".join(coop),
                f"{PREFIX}-{i}-deadline": item.deadline_text,
            }
        )
    return data


def row_spec(cleaned: dict, common: dict, leads: LeadChoices) -> TaskSpec:
    """The TaskSpec of one valid row; the row's deadline, else the common one, else none."""
    deadline: Deadline = cleaned.get("parsed_deadline") or Deadline("")
    if not deadline.kind:
        deadline = common.get("default_deadline") or Deadline("")
    kind = deadline.kind or DeadlineKind.NONE
    return TaskSpec(
        content=cleaned["content"],
        item_number=cleaned.get("number", ""),
        lead_unit=cleaned["lead_unit"],
        lead_external=cleaned["lead_external"],
        coop_units=[leads.objects[c.key] for c in cleaned["coop_units"]],
        coop_externals=[leads.objects[c.key] for c in cleaned["coop_externals"]],
        deadline_kind=kind,
        deadline=deadline.date,
        working_days=deadline.working_days,
        field=common.get("field"),
        follower=common.get("follower"),
        priority=common.get("priority") or 0,
    )

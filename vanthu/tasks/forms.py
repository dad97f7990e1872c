"""Forms of the task pages: assigning (one task, a sub-task), editing, and the actions on a task.

Every message is Vietnamese and shown next to its field. The lead is one select listing the agency's units and
the directory's agencies (values ``u:<id>`` / ``e:<id>``); the rules themselves live in the services.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from vanthu.incoming.forms import DATE_WIDGET
from vanthu.organization.models import ExternalAgency, Role, Unit, User

from .models import DeadlineKind, Field, Priority, Recurrence, SourceKind, Task
from .services import Source, TaskSpec
from .services.assign import ASSIGNER_ROLES


def style(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget."""
    for f in form.fields.values():
        widget = f.widget
        if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)


def units_of(agency_id: int | None):
    return Unit.objects.filter(agency_id=agency_id, is_active=True)


def directory_for(agency_id: int | None):
    """Outside agencies a task may be given to (not the agency's own directory entry)."""
    return ExternalAgency.objects.filter(is_active=True).exclude(internal_agency_id=agency_id)


def people_of(agency_id: int | None):
    return User.objects.filter(agency_id=agency_id, is_active=True).exclude(role=Role.ADMIN)


def assigners_of(agency_id: int | None):
    """Who may be named as the assigning leader: the agency's leaders and unit heads."""
    return people_of(agency_id).filter(role__in=ASSIGNER_ROLES).order_by("role", "last_name", "first_name")


def _unit_label(unit: Unit) -> str:
    return f"{unit.name} ({unit.abbreviation})" if unit.abbreviation else unit.name


def lead_choices(agency_id: int | None, *, units=None, externals=None, blank: bool = True) -> list:
    """The lead select: internal units, then directory agencies, in two option groups."""
    units = units_of(agency_id) if units is None else units
    externals = directory_for(agency_id).only("pk", "name") if externals is None else externals
    choices: list = [("", _("— Chọn đơn vị, cơ quan chủ trì —"))] if blank else []
    unit_options = [(f"u:{u.pk}", _unit_label(u)) for u in units]
    external_options = [(f"e:{e.pk}", e.name) for e in externals]
    if unit_options:
        choices.append((_("Đơn vị của cơ quan"), unit_options))
    if external_options:
        choices.append((_("Cơ quan trong danh bạ"), external_options))
    return choices


def parse_lead(value: str, agency_id: int | None) -> tuple[Unit | None, ExternalAgency | None]:
    """``u:<id>`` → (unit, None); ``e:<id>`` → (None, agency); anything else → (None, None)."""
    kind, _sep, raw = (value or "").partition(":")
    if not raw.isdigit():
        return None, None
    if kind == "u":
        return units_of(agency_id).filter(pk=int(raw)).first(), None
    if kind == "e":
        return None, directory_for(agency_id).filter(pk=int(raw)).first()
    return None, None


def lead_value(task: Task) -> str:
    if task.lead_unit_id:
        return f"u:{task.lead_unit_id}"
    if task.lead_external_id:
        return f"e:{task.lead_external_id}"
    return ""


class _LeadMixin:
    """Cleans the combined lead select into ``lead_unit`` / ``lead_external`` (and drops the lead from the
    co-operating units and agencies)."""

    agency_id: int | None

    def clean(self):
        cleaned = super().clean()
        unit, external = parse_lead(cleaned.get("lead", ""), self.agency_id)
        if cleaned.get("lead") and not (unit or external):
            self.add_error("lead", _("Đơn vị, cơ quan chủ trì không hợp lệ."))
        cleaned["lead_unit"], cleaned["lead_external"] = unit, external
        if not (unit or external or cleaned.get("lead_user")):
            self.add_error("lead", _("Hãy chọn đơn vị hoặc cơ quan chủ trì."))
        # the lead does not also co-operate
        if unit and cleaned.get("coop_units"):
            cleaned["coop_units"] = [u for u in cleaned["coop_units"] if u != unit]
        if external and cleaned.get("coop_externals"):
            cleaned["coop_externals"] = [e for e in cleaned["coop_externals"] if e != external]
        return cleaned


def _spec(c: dict, **extra) -> TaskSpec:
    """The TaskSpec of what the assigning forms share: content, lead, co-operating units, deadline."""
    return TaskSpec(
        content=c["content"],
        item_number=c.get("item_number", ""),
        lead_unit=c["lead_unit"],
        lead_external=c["lead_external"],
        lead_user=c.get("lead_user"),
        coop_units=list(c.get("coop_units") or []),
        priority=c.get("priority") or Priority.NORMAL,
        deadline_kind=c["deadline_kind"],
        deadline=c.get("deadline"),
        working_days=c.get("working_days"),
        **extra,
    )


class AssignmentHeaderForm(forms.Form):
    """What a task and a plan's many tasks share: the source, the assigning leader, follower, field, priority."""

    source_kind = forms.ChoiceField(
        label=_l("Nguồn giao"), choices=SourceKind.choices, initial=SourceKind.ADHOC
    )
    incoming = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_code = forms.CharField(label=_l("Số, ký hiệu văn bản giao"), max_length=50, required=False)
    source_date = forms.DateField(label=_l("Ngày văn bản giao"), required=False, widget=DATE_WIDGET)
    source_abstract = forms.CharField(
        label=_l("Trích yếu văn bản giao"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    assigned_by = forms.ModelChoiceField(
        label=_l("Lãnh đạo giao"),
        queryset=User.objects.none(),
        error_messages={"required": _l("Hãy chọn lãnh đạo giao nhiệm vụ.")},
    )
    assigned_on = forms.DateField(label=_l("Ngày giao"), required=False, widget=DATE_WIDGET)
    follower = forms.ModelChoiceField(
        label=_l("Chuyên viên theo dõi"), queryset=User.objects.none(), required=False
    )
    field = forms.ModelChoiceField(label=_l("Lĩnh vực"), queryset=Field.objects.none(), required=False)
    priority = forms.TypedChoiceField(
        label=_l("Mức độ ưu tiên"), choices=Priority.choices, coerce=int, initial=Priority.NORMAL
    )

    def __init__(self, *args, user: User, incoming=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.agency_id = user.agency_id
        self.incoming_doc = incoming
        self.fields["assigned_by"].queryset = assigners_of(self.agency_id)
        self.fields["follower"].queryset = people_of(self.agency_id).select_related("unit")
        self.fields["field"].queryset = Field.objects.filter(is_active=True)
        if not self.is_bound:
            self.initial.setdefault("assigned_on", timezone.localdate())
            if user.role in ASSIGNER_ROLES:
                self.initial.setdefault("assigned_by", user.pk)
            if user.role == Role.SPECIALIST:
                self.initial.setdefault("follower", user.pk)
            if incoming is not None:
                self.initial.update(
                    {
                        "source_kind": SourceKind.INCOMING,
                        "incoming": incoming.pk,
                        "source_code": incoming.code,
                        "source_date": incoming.document_date,
                        "source_abstract": incoming.abstract,
                    }
                )
                directed_by = incoming.directed_by_id
                if directed_by and assigners_of(self.agency_id).filter(pk=directed_by).exists():
                    self.initial["assigned_by"] = directed_by

    def clean_incoming(self):
        pk = self.cleaned_data.get("incoming")
        if not pk:
            self.incoming_doc = None
            return None
        from vanthu.incoming.visibility import visible_incoming

        doc = visible_incoming(self.user, pk=pk).first()
        if doc is None:
            raise forms.ValidationError(_("Không tìm thấy văn bản đến giao nhiệm vụ."))
        self.incoming_doc = doc
        return pk

    def clean_assigned_on(self) -> date:
        value = self.cleaned_data.get("assigned_on") or timezone.localdate()
        if value > timezone.localdate():
            raise forms.ValidationError(_("Ngày giao không được sau hôm nay."))
        return value

    def source(self) -> Source:
        c = self.cleaned_data
        return Source(
            kind=c["source_kind"],
            incoming=self.incoming_doc,
            code=c.get("source_code", "").strip(),
            date=c.get("source_date"),
            abstract=c.get("source_abstract", "").strip(),
        )


class TaskForm(_LeadMixin, AssignmentHeaderForm):
    """Giao nhiệm vụ: content, source, assigning leader, lead, co-operation, follower, deadline."""

    content = forms.CharField(
        label=_l("Nội dung nhiệm vụ"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _l("Hãy nhập nội dung nhiệm vụ.")},
    )
    item_number = forms.CharField(
        label=_l("Mục"), max_length=20, required=False, help_text=_l("Ví dụ: 3 hoặc II.2")
    )
    lead = forms.ChoiceField(label=_l("Đơn vị, cơ quan chủ trì"), required=False)
    lead_user = forms.ModelChoiceField(
        label=_l("Cán bộ thực hiện"),
        queryset=User.objects.none(),
        required=False,
        help_text=_l("Không bắt buộc: người trực tiếp thực hiện"),
    )
    coop_units = forms.ModelMultipleChoiceField(
        label=_l("Đơn vị phối hợp"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    coop_externals = forms.ModelMultipleChoiceField(
        label=_l("Cơ quan phối hợp"),
        queryset=ExternalAgency.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_l("Giữ Ctrl để chọn nhiều cơ quan"),
    )
    deadline_kind = forms.ChoiceField(
        label=_l("Thời hạn"), choices=DeadlineKind.choices, initial=DeadlineKind.DATE
    )
    deadline = forms.DateField(label=_l("Đến ngày"), required=False, widget=DATE_WIDGET)
    working_days = forms.IntegerField(
        label=_l("Số ngày làm việc"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_l("Tính từ ngày giao, không kể ngày nghỉ"),
    )
    recurrence = forms.ChoiceField(
        label=_l("Chu kỳ"), choices=[("", "—"), *Recurrence.choices], required=False
    )
    recurrence_day = forms.IntegerField(
        label=_l("Hạn là ngày"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_l("Ngày trong tháng (tháng cuối quý) phải báo cáo"),
    )

    def __init__(self, *args, user: User, incoming=None, **kwargs):
        super().__init__(*args, user=user, incoming=incoming, **kwargs)
        self.fields["lead"].choices = lead_choices(self.agency_id)
        self.fields["lead_user"].queryset = people_of(self.agency_id).select_related("unit")
        self.fields["coop_units"].queryset = units_of(self.agency_id)
        self.fields["coop_externals"].queryset = directory_for(self.agency_id)
        if not self.is_bound and incoming is not None and incoming.direction:
            self.initial.setdefault("content", incoming.direction)
        style(self)

    def spec(self) -> TaskSpec:
        c = self.cleaned_data
        return _spec(
            c,
            coop_externals=list(c.get("coop_externals") or []),
            follower=c.get("follower"),
            field=c.get("field"),
            recurrence=c.get("recurrence") or "",
            recurrence_day=c.get("recurrence_day"),
        )


class SplitForm(_LeadMixin, forms.Form):
    """Giao nhiệm vụ con. Whoever may edit the task chooses any lead; the head of the lead unit gives it to
    a person of the unit; the lead outside agency to one of its people."""

    content = TaskForm.base_fields["content"]
    item_number = TaskForm.base_fields["item_number"]
    lead = forms.ChoiceField(label=_l("Đơn vị, cơ quan chủ trì"), required=False)
    lead_user = forms.ModelChoiceField(
        label=_l("Cán bộ thực hiện"), queryset=User.objects.none(), required=False
    )
    coop_units = TaskForm.base_fields["coop_units"]
    priority = TaskForm.base_fields["priority"]
    deadline_kind = forms.ChoiceField(
        label=_l("Thời hạn"),
        choices=[c for c in DeadlineKind.choices if c[0] != DeadlineKind.RECURRING],
        initial=DeadlineKind.DATE,
    )
    deadline = forms.DateField(label=_l("Đến ngày"), required=False, widget=DATE_WIDGET)
    working_days = TaskForm.base_fields["working_days"]

    def __init__(self, *args, user: User, parent: Task, full: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.parent = user, parent
        self.agency_id = parent.agency_id
        self.fields["coop_units"].queryset = units_of(self.agency_id)
        if full:
            self.fields["lead"].choices = lead_choices(self.agency_id)
            self.fields["lead_user"].queryset = people_of(self.agency_id)
        elif user.agency_id == parent.agency_id and user.unit_id:
            unit = units_of(self.agency_id).filter(pk=user.unit_id)
            self.fields["lead"].choices = lead_choices(self.agency_id, units=unit, externals=[], blank=False)
            self.fields["lead_user"].queryset = people_of(self.agency_id).filter(unit_id=user.unit_id)
            self.fields["lead_user"].required = True
            del self.fields["coop_units"]
        else:  # the lead outside agency
            externals = ExternalAgency.objects.filter(pk=parent.lead_external_id)
            self.fields["lead"].choices = lead_choices(
                self.agency_id, units=[], externals=externals, blank=False
            )
            self.fields["lead_user"].queryset = people_of(user.agency_id)
            del self.fields["coop_units"]
        if parent.due_on:
            self.fields["deadline"].help_text = _("Không sau thời hạn nhiệm vụ chính (%(date)s)") % {
                "date": f"{parent.due_on:%d/%m/%Y}"
            }
        style(self)

    def spec(self) -> TaskSpec:
        return _spec(self.cleaned_data, field=self.parent.field, follower=self.parent.follower)


class EditForm(_LeadMixin, forms.Form):
    """Sửa nhiệm vụ: the fields of ``services.assign.EDITABLE`` and the co-operating units and agencies."""

    content = TaskForm.base_fields["content"]
    item_number = TaskForm.base_fields["item_number"]
    lead = forms.ChoiceField(label=_l("Đơn vị, cơ quan chủ trì"), required=False)
    lead_user = TaskForm.base_fields["lead_user"]
    coop_units = TaskForm.base_fields["coop_units"]
    coop_externals = TaskForm.base_fields["coop_externals"]
    follower = TaskForm.base_fields["follower"]
    field = TaskForm.base_fields["field"]
    priority = TaskForm.base_fields["priority"]

    def __init__(self, *args, user: User, task: Task, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.task = user, task
        self.agency_id = task.agency_id
        self.fields["lead"].choices = lead_choices(self.agency_id)
        people = people_of(self.agency_id)
        self.fields["lead_user"].queryset = people
        self.fields["follower"].queryset = people
        self.fields["coop_units"].queryset = units_of(self.agency_id)
        self.fields["coop_externals"].queryset = directory_for(self.agency_id)
        self.fields["field"].queryset = Field.objects.filter(is_active=True)
        if not self.is_bound:
            self.initial.update(
                {
                    "content": task.content,
                    "item_number": task.item_number,
                    "lead": lead_value(task),
                    "lead_user": task.lead_user_id,
                    "coop_units": list(task.coop_units.values_list("pk", flat=True)),
                    "coop_externals": list(task.coop_externals.values_list("pk", flat=True)),
                    "follower": task.follower_id,
                    "field": task.field_id,
                    "priority": task.priority,
                }
            )
        style(self)

    def changes(self) -> dict:
        c = self.cleaned_data
        return {
            "content": c["content"].strip(),
            "item_number": (c.get("item_number") or "").strip(),
            "lead_unit": c["lead_unit"],
            "lead_external": c["lead_external"],
            "lead_user": c.get("lead_user"),
            "follower": c.get("follower"),
            "field": c.get("field"),
            "priority": c.get("priority") or Priority.NORMAL,
            "coop_units": list(c.get("coop_units") or []),
            "coop_externals": list(c.get("coop_externals") or []),
        }

"""Tasks (nhiệm vụ) assigned by the leadership, their progress reports, extension requests and reminders,
and the annual work programme (chương trình công tác) whose items are tracked as tasks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vanthu.documents.models import StoredFile
from vanthu.organization.models import Agency, ExternalAgency, Unit

from .states import OPEN_STATES, ExtensionState, TaskState


class Field(models.Model):
    """Lĩnh vực: the subject area a task belongs to (kinh tế, văn hóa – xã hội, nội chính…)."""

    name = models.CharField(_("tên lĩnh vực"), max_length=100, unique=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Priority(models.IntegerChoices):
    """Mức độ ưu tiên của nhiệm vụ."""

    NORMAL = 0, _("Bình thường")
    IMPORTANT = 1, _("Quan trọng")
    URGENT = 2, _("Khẩn")


class SourceKind(models.TextChoices):
    """Nguồn giao nhiệm vụ."""

    INCOMING = "incoming", _("Văn bản đến")
    OUTGOING = "outgoing", _("Văn bản chỉ đạo của UBND")
    CONCLUSION = "conclusion", _("Thông báo kết luận")
    PROGRAMME = "programme", _("Chương trình công tác")
    PLAN = "plan", _("Kế hoạch, chương trình hành động")
    ADHOC = "adhoc", _("Giao trực tiếp (không có văn bản)")


class DeadlineKind(models.TextChoices):
    """Cách đặt thời hạn."""

    DATE = "date", _("Đến ngày")
    WORKING_DAYS = "working_days", _("Số ngày làm việc")
    RECURRING = "recurring", _("Định kỳ")
    NONE = "none", _("Không có thời hạn")


class Recurrence(models.TextChoices):
    """Chu kỳ của nhiệm vụ định kỳ."""

    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")


class Task(models.Model):
    """Nhiệm vụ: a piece of work a leader assigned to a unit of the agency or to an outside agency.

    ``deadline`` is the date as assigned (or last extended); ``due_on`` is the date the status is computed from:
    the deadline, or the next working day when it falls on a day off (a time limit ending on a holiday ends on
    the next working day). A recurring task is a *series* (no deadline of its own) whose periods are
    occurrences: ordinary tasks with ``series`` set and a date deadline.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan giao")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subtasks",
        verbose_name=_("nhiệm vụ cha"),
    )
    series = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("nhiệm vụ định kỳ"),
    )
    period_start = models.DateField(_("kỳ"), null=True, blank=True)
    content = models.TextField(_("nội dung nhiệm vụ"), max_length=4000)
    item_number = models.CharField(_("mục"), max_length=20, blank=True, help_text=_("Ví dụ: 3 hoặc II.2"))

    source_kind = models.CharField(
        _("nguồn giao"), max_length=12, choices=SourceKind.choices, default=SourceKind.ADHOC
    )
    source_incoming = models.ForeignKey(
        "incoming.IncomingDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("văn bản đến giao nhiệm vụ"),
    )
    source_code = models.CharField(_("số, ký hiệu văn bản giao"), max_length=50, blank=True)
    source_date = models.DateField(_("ngày văn bản giao"), null=True, blank=True)
    source_abstract = models.CharField(_("trích yếu văn bản giao"), max_length=500, blank=True)

    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("lãnh đạo giao")
    )
    assigned_on = models.DateField(_("ngày giao"))
    lead_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị chủ trì"),
    )
    lead_external = models.ForeignKey(
        ExternalAgency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan chủ trì"),
    )
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cán bộ thực hiện"),
    )
    coop_units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("đơn vị phối hợp"))
    coop_externals = models.ManyToManyField(
        ExternalAgency, blank=True, related_name="+", verbose_name=_("cơ quan phối hợp")
    )
    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chuyên viên theo dõi"),
    )
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("lĩnh vực")
    )
    priority = models.PositiveSmallIntegerField(
        _("mức độ ưu tiên"), choices=Priority.choices, default=Priority.NORMAL
    )

    deadline_kind = models.CharField(
        _("loại thời hạn"), max_length=12, choices=DeadlineKind.choices, default=DeadlineKind.DATE
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"), null=True, blank=True)
    recurrence = models.CharField(_("chu kỳ"), max_length=10, choices=Recurrence.choices, blank=True)
    recurrence_day = models.PositiveSmallIntegerField(
        _("ngày trong kỳ"), null=True, blank=True, help_text=_("Hạn là ngày này của tháng (tháng cuối quý)")
    )
    due_on = models.DateField(_("hạn tính trạng thái"), null=True, blank=True, editable=False)
    original_due_on = models.DateField(_("hạn ban đầu"), null=True, blank=True, editable=False)
    extension_count = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0, editable=False)

    state = models.CharField(
        _("trạng thái"), max_length=12, choices=TaskState.choices, default=TaskState.ASSIGNED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    last_report_at = models.DateTimeField(_("báo cáo gần nhất"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    result_code = models.CharField(_("số, ký hiệu văn bản báo cáo"), max_length=50, blank=True)
    #: counted in reports: not a series and not cancelled (kept as a column so the reports use an index)
    counted = models.BooleanField(default=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        constraints = [
            models.CheckConstraint(
                condition=Q(lead_unit__isnull=True) | Q(lead_external__isnull=True),
                name="task_one_lead",
            ),
            models.CheckConstraint(
                condition=Q(lead_unit__isnull=False)
                | Q(lead_external__isnull=False)
                | Q(lead_user__isnull=False),
                name="task_has_lead",
            ),
            models.UniqueConstraint(
                fields=["series", "period_start"],
                condition=Q(series__isnull=False),
                name="task_occurrence_unique",
            ),
        ]
        indexes = [
            # reports: one pass over the agency's counted tasks of a period, read from the index alone
            models.Index(
                fields=[
                    "agency",
                    "counted",
                    "assigned_on",
                    "lead_unit",
                    "lead_external",
                    "assigned_by",
                    "due_on",
                    "completed_on",
                ],
                name="task_report_idx",
            ),
            # lists and reminders of open tasks by due date
            models.Index(
                fields=["agency", "due_on"],
                name="task_open_due_idx",
                condition=Q(completed_on__isnull=True, counted=True),
            ),
            models.Index(fields=["agency", "-priority", "-assigned_on", "-id"], name="task_list_idx"),
            # the list filtered by an open status, in the list's order (completed_on IS NULL, then due_on checked)
            models.Index(
                fields=["agency", "completed_on", "-priority", "-assigned_on", "-id", "due_on"],
                name="task_open_list_idx",
            ),
            # the status cards: read from the index alone
            models.Index(fields=["agency", "completed_on", "state", "due_on"], name="task_status_idx"),
            # "Nhiệm vụ của tôi" of a unit head, counted in the menu on every page
            models.Index(fields=["lead_unit", "state", "agency"], name="task_unit_state_idx"),
            models.Index(fields=["lead_unit", "completed_on", "due_on"], name="task_lead_unit_idx"),
            models.Index(fields=["lead_external", "completed_on", "due_on"], name="task_lead_external_idx"),
            models.Index(fields=["lead_user"], name="task_lead_user_idx"),
            models.Index(fields=["follower"], name="task_follower_idx"),
        ]

    def __str__(self) -> str:
        return self.content[:80]

    def save(self, *args, **kwargs) -> None:
        # sub-tasks, recurring series and withdrawn tasks are not counted again in reports
        self.counted = self.parent_id is None and not self.is_series and self.state != TaskState.CANCELLED
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "counted"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tasks:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_series(self) -> bool:
        return self.deadline_kind == DeadlineKind.RECURRING and self.series_id is None

    @property
    def lead_name(self) -> str:
        if self.lead_unit_id:
            return self.lead_unit.name
        if self.lead_external_id:
            return self.lead_external.name
        return self.lead_user.display_name if self.lead_user_id else ""

    @property
    def source_label(self) -> str:
        if self.source_incoming_id:
            return self.source_incoming.code or str(self.source_incoming)
        return self.source_code


class ProgressReport(models.Model):
    """Báo cáo tiến độ (or the final report, kết quả) of a task, possibly recorded on behalf of the lead."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Báo cáo tiến độ")
        FINAL = "final", _("Báo cáo hoàn thành")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.PROGRESS)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhập")
    )
    on_behalf_of = models.CharField(
        _("nhập thay cho"),
        max_length=200,
        blank=True,
        help_text=_("Tên cơ quan, đơn vị chủ trì khi nhập thay"),
    )
    text = models.TextField(_("nội dung báo cáo"), max_length=4000)
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    report_code = models.CharField(_("số, ký hiệu văn bản báo cáo"), max_length=50, blank=True)
    report_date = models.DateField(_("ngày báo cáo"))
    files = models.ManyToManyField(StoredFile, blank=True, related_name="+", verbose_name=_("tệp đính kèm"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def on_behalf(self) -> bool:
        return bool(self.on_behalf_of)


class ExtensionRequest(models.Model):
    """Đề nghị gia hạn: the lead asks for a later deadline; the assigning leader approves or refuses."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người đề nghị")
    )
    on_behalf_of = models.CharField(_("nhập thay cho"), max_length=200, blank=True)
    reason = models.TextField(_("lý do"), max_length=2000)
    proposed_deadline = models.DateField(_("thời hạn đề nghị"))
    previous_deadline = models.DateField(_("thời hạn trước đó"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"], condition=Q(state="pending"), name="extension_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.proposed_deadline:%d/%m/%Y}"


class Reminder(models.Model):
    """Đôn đốc: one reminder about one task, automatic (before the deadline, each working day overdue) or sent
    by a leader with a note. Automatic ones are unique per task, kind and day: a job run twice sends nothing twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Nhắc trước hạn")
        OVERDUE = "overdue", _("Nhắc quá hạn")
        MANUAL = "manual", _("Lãnh đạo đôn đốc")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    on_date = models.DateField(_("ngày"))
    due_on = models.DateField(_("hạn được nhắc"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("nội dung đôn đốc"), blank=True)
    recipients = models.PositiveIntegerField(_("số người nhận"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đôn đốc")
        verbose_name_plural = _("đôn đốc")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "kind", "on_date"],
                condition=~Q(kind="manual"),
                name="reminder_once_a_day",
            )
        ]
        indexes = [models.Index(fields=["on_date", "kind", "task"], name="reminder_day_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on_date:%d/%m/%Y}"


class WorkProgramme(models.Model):
    """Chương trình công tác năm của UBND: the items to be submitted, month by month."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan"))
    year = models.PositiveIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=300)
    decision_code = models.CharField(_("số, ký hiệu quyết định ban hành"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chương trình công tác")
        verbose_name_plural = _("chương trình công tác")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="programme_one_per_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tasks:programme", args=[self.year])


class ProgrammeItem(models.Model):
    """Một nội dung của chương trình công tác (đề án, nội dung trình), tracked as a task whose deadline is the
    last working day of the month (or quarter) of submission."""

    class Kind(models.TextChoices):
        SCHEME = "scheme", _("Đề án, dự án")
        SUBMISSION = "submission", _("Nội dung trình")
        REPORT = "report", _("Báo cáo")
        LEGAL = "legal", _("Văn bản quy phạm pháp luật")

    programme = models.ForeignKey(WorkProgramme, on_delete=models.CASCADE, related_name="items")
    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="programme_item")
    number = models.CharField(_("STT"), max_length=10, blank=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.SUBMISSION)
    planned_month = models.PositiveSmallIntegerField(_("tháng trình theo kế hoạch"))
    planned_quarter = models.PositiveSmallIntegerField(
        _("quý"), null=True, blank=True, help_text=_("Khi chương trình chỉ ghi quý")
    )
    current_month = models.PositiveSmallIntegerField(_("tháng trình (sau điều chỉnh)"))
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lãnh đạo phụ trách"),
    )

    class Meta:
        verbose_name = _("nội dung chương trình công tác")
        verbose_name_plural = _("nội dung chương trình công tác")
        ordering = ["planned_month", "id"]

    def __str__(self) -> str:
        return self.task.content[:80]

    @property
    def moved(self) -> bool:
        return self.current_month != self.planned_month

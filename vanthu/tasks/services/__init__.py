"""Services of the tasks context (nhiệm vụ): one function per change, each in one transaction."""

from .assign import Source, TaskSpec, cancel_task, create_task, create_tasks, edit_task, ensure_occurrences
from .progress import complete_task, decide_extension, reopen_task, report_progress, request_extension
from .reminders import ReminderRun, remind, remind_all, send_due_reminders
from .rules import is_assigner, is_lead, may, may_create, may_report_on_behalf

__all__ = [
    "ReminderRun",
    "Source",
    "TaskSpec",
    "cancel_task",
    "complete_task",
    "create_task",
    "create_tasks",
    "decide_extension",
    "edit_task",
    "ensure_occurrences",
    "is_assigner",
    "is_lead",
    "may",
    "may_create",
    "may_report_on_behalf",
    "remind",
    "remind_all",
    "reopen_task",
    "report_progress",
    "request_extension",
    "send_due_reminders",
]

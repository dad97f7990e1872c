"""Task pages (stubs, replaced by the task pages work)."""

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("")


task_list = task_create = task_bulk_create = remind_many = task_detail = _stub
task_edit = task_split = task_action = task_file = _stub

from django.http import HttpResponse


def task_list(request):  # replaced by the task pages
    return HttpResponse("")


def task_detail(request, pk):
    return HttpResponse("")

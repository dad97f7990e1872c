from django.http import HttpResponse


def dashboard(request):  # replaced by the dashboard work
    return HttpResponse("")

"""Work programme pages (stubs, replaced by the programme work)."""

from django.http import HttpResponse


def _stub(request, *args, **kwargs):
    return HttpResponse("")


programme_index = programme_template = programme_detail = programme_import = programme_item_move = _stub

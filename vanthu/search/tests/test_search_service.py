"""The search service against the database: the viewers of every item are exactly the people its page opens for,
a secret document's words give others neither a hit nor a count, the index follows changes after they commit
(permission changes included), drift is reported and mended, and the page highlights what it found."""

from __future__ import annotations

import pytest
from django.urls import reverse

from vanthu.documents.models import Confidentiality
from vanthu.incoming import services as incoming
from vanthu.incoming.visibility import visible_incoming
from vanthu.search import services, signals
from vanthu.search.items import item_for
from vanthu.testing.factories import assign_task, register_incoming

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("backend_name")]

SECRET = "Về việc phương án bảo vệ mục tiêu quân sự trọng điểm"
PLAIN = "Về việc bố trí kinh phí giải phóng mặt bằng đường tỉnh lộ 8"


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.VANTHU_SEARCH_DIR = tmp_path / "search"
    return settings.VANTHU_SEARCH_DIR


def signals_off():
    from django.test import override_settings

    return override_settings(VANTHU_SEARCH_AUTO_INDEX=False)


@pytest.fixture
def scheduled(monkeypatch):
    """The keys the signals hand to the background job, and a way to run it."""
    keys: list[str] = []
    monkeypatch.setattr(signals, "_enqueue", keys.append)
    return keys


@pytest.fixture
def docs(people, units, register, agency):
    from vanthu.testing.factories import RegisterFactory

    secret_register = RegisterFactory(agency=agency, name="Sổ văn bản đến mật", is_secret=True)
    plain = register_incoming(
        people["clerk"], register, abstract=PLAIN, code_number="45", code_notation="STC-NS"
    )
    secret = register_incoming(
        people["clerk"],
        secret_register,
        abstract=SECRET,
        confidentiality=Confidentiality.SECRET,
        code_number="7",
    )
    return {"plain": plain, "secret": secret}


def test_viewers_are_those_the_pages_show_it_to(people, docs):
    for doc in docs.values():
        item = item_for("incoming", doc.pk)
        expected = {p.pk for p in people.values() if visible_incoming(p, pk=doc.pk).exists()}
        assert set(item.viewers) == expected
    assert people["spec_vx"].pk not in item_for("incoming", docs["secret"].pk).viewers


def test_a_secret_document_never_gives_others_a_hit_or_a_count(people, docs):
    services.reindex_all()
    clerk, outsider = people["clerk"], people["spec_vx"]
    found = services.search(clerk, "muc tieu quan su")
    assert found.total == 1 and found.facets["incoming"] == 1
    for text in ("muc tieu quan su", "bảo vệ", "trọng điểm", "phuong an"):
        found = services.search(outsider, text)
        assert found.total == 0 and not found.hits and sum(found.facets.values()) == 0, text


def test_changes_are_followed_after_commit(
    people, units, register, scheduled, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        doc = register_incoming(people["clerk"], register, abstract=PLAIN)
    assert f"incoming:{doc.pk}" in scheduled
    services.reindex_keys(scheduled)
    assert services.search(people["chairman"], "tinh lo 8").total == 1
    spec = people["spec_kt"]
    assert services.search(spec, "tinh lo 8").total == 0  # not involved yet

    scheduled.clear()
    with django_capture_on_commit_callbacks(execute=True):  # a permission change: KT leads it
        incoming.direct(doc, people["chairman"], direction="KT chủ trì", lead_unit=units["KT"])
    assert f"incoming:{doc.pk}" in scheduled
    services.reindex_keys(scheduled)
    assert services.search(spec, "tinh lo 8").total == 1

    task = assign_task(
        people["chairman"], content="Kiểm tra tiến độ giải ngân vốn đầu tư công", lead_unit=units["KT"]
    )
    services.reindex_keys([f"task:{task.pk}"])
    assert [h.key for h in services.search(people["chairman"], "giai ngan").hits] == [f"task:{task.pk}"]


def test_drift_after_a_restore_is_reported_and_mended(people, docs, register):
    """A database restored from a backup differs from the index: rows it lacks, older versions of rows, rows
    the index never saw. The check names each; a rebuild mends them."""
    import datetime as dt

    from vanthu.incoming.models import IncomingDocument
    from vanthu.search.engine import Item

    services.reindex_all()
    assert services.check().clean
    chairman = people["chairman"]
    services.index().write([Item("incoming:999999", "incoming", "x", "Về việc lễ hội đã mất", [chairman.pk])])
    older = docs["plain"].updated_at - dt.timedelta(days=3)
    IncomingDocument.objects.filter(pk=docs["plain"].pk).update(
        updated_at=older, abstract="Về việc tổ chức lễ hội"
    )
    with signals_off():
        new = register_incoming(people["clerk"], register, abstract="Về việc tổ chức lễ hội văn hóa")
    drift = services.check()
    assert drift.extra == ["incoming:999999"]
    assert drift.stale == [f"incoming:{docs['plain'].pk}"]
    assert drift.missing == [f"incoming:{new.pk}"]
    assert services.search(chairman, "le hoi").total == 1  # only the lost one, as the index stands
    services.reindex_all()
    assert services.check().clean
    assert {h.key for h in services.search(chairman, "le hoi").hits} == {
        f"incoming:{docs['plain'].pk}",
        f"incoming:{new.pk}",
    }


def test_the_page_highlights_and_counts(client, people, docs):
    services.reindex_all()
    client.force_login(people["chairman"])
    page = client.get(reverse("search:results"), {"q": "giai phong mat bang"}).content.decode()
    assert "<b>giải</b> <b>phóng</b> <b>mặt</b> <b>bằng</b>" in page
    assert 'id="search-total">1 kết quả<' in page and docs["plain"].get_absolute_url() in page
    assert 'id="header-search"' in page
    client.force_login(people["spec_vx"])
    page = client.get(reverse("search:results"), {"q": "muc tieu quan su"}).content.decode()
    assert 'id="search-total">0 kết quả<' in page and SECRET not in page


def test_the_page_filters_by_type_and_dates_and_keeps_bad_dates_with_a_message(
    client, people, docs, register
):
    from vanthu.testing.factories import doc_type

    register_incoming(people["clerk"], register, abstract=PLAIN, doc_type=doc_type("QĐ"), code_number="9")
    services.reindex_all()
    client.force_login(people["chairman"])
    url = reverse("search:results")
    assert 'id="search-total">2 kết quả<' in client.get(url, {"q": "tinh lo 8"}).content.decode()
    page = client.get(url, {"q": "tinh lo 8", "type": "quyet-dinh"}).content.decode()
    assert 'id="search-total">1 kết quả<' in page and "9/STC-NS" in page
    page = client.get(url, {"q": "tinh lo 8", "from": "01/01/2001", "to": "31/12/2001"}).content.decode()
    assert 'id="search-total">0 kết quả<' in page
    page = client.get(url, {"q": "tinh lo 8", "from": "32/01/2026"}).content.decode()
    assert "“Từ ngày” phải có dạng dd/mm/yyyy." in page and 'value="32/01/2026"' in page


def test_saved_searches_are_each_person_s_own(client, people, docs):
    from vanthu.search.models import SavedSearch

    services.reindex_all()
    client.force_login(people["chairman"])
    url = reverse("search:results")
    page = client.get(url, {"q": "tinh lo 8", "type": "cong-van"}).content.decode()
    assert 'name="query" value="q=tinh+lo+8&amp;type=cong-van"' in page
    response = client.post(
        reverse("search:save"), {"name": "GPMB tỉnh lộ 8", "query": "q=tinh+lo+8&type=cong-van"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "GPMB tỉnh lộ 8" in page and 'href="?q=tinh+lo+8&amp;type=cong-van"' in page
    response = client.post(reverse("search:save"), {"name": "GPMB tỉnh lộ 8", "query": "q=x"}, follow=True)
    assert "Bạn đã có tìm kiếm tên “GPMB tỉnh lộ 8”." in response.content.decode()
    saved = SavedSearch.objects.get()
    client.force_login(people["clerk"])
    assert "GPMB tỉnh lộ 8" not in client.get(url).content.decode()
    assert client.post(reverse("search:delete", args=[saved.pk])).status_code == 404
    client.force_login(people["chairman"])
    client.post(reverse("search:delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_a_person_moved_to_another_unit_finds_what_the_new_unit_handles(people, units, register):
    """A permission change of the person, not of the document: their items are rewritten by the job."""
    doc = register_incoming(people["clerk"], register, abstract=PLAIN)
    incoming.direct(doc, people["chairman"], direction="VX chủ trì", lead_unit=units["VX"])
    services.reindex_all()
    spec = people["spec_kt"]
    assert services.search(spec, "tinh lo 8").total == 0
    spec.unit = units["VX"]
    spec.save()
    assert services.reindex_viewer(spec.pk) == 1
    assert services.search(spec, "tinh lo 8").total == 1
    spec.is_active = False
    spec.save()
    services.reindex_viewer(spec.pk)
    assert services.search(spec, "tinh lo 8").total == 0


def test_saving_a_person_queues_the_check_but_a_login_does_not(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    from vanthu.search import jobs

    queued: list[int] = []
    monkeypatch.setattr(jobs, "reindex_viewer", SimpleNamespace(enqueue=queued.append))
    spec = people["spec_kt"]
    with django_capture_on_commit_callbacks(execute=True):
        spec.save(update_fields=["last_login"])
    assert queued == []
    with django_capture_on_commit_callbacks(execute=True):
        spec.role = "unit_head"
        spec.save()
    assert queued == [spec.pk]


def test_viewers_of_drafts_outgoing_documents_and_tasks_are_those_the_pages_show_them_to(people, units):
    """The tokens indexed with each item equal what the visibility query of every person gives."""
    from vanthu.outgoing.visibility import visible_outgoing
    from vanthu.tasks.visibility import visible_tasks
    from vanthu.testing.factories import draft_outgoing

    draft = draft_outgoing(people["spec_kt"], drafting_unit=units["KT"])
    secret = draft_outgoing(
        people["spec_vx"], drafting_unit=units["VX"], confidentiality=Confidentiality.SECRET
    )
    task_kt = assign_task(people["chairman"], lead_unit=units["KT"])
    task_vx = assign_task(people["chairman"], lead_unit=units["VX"], coop_units=[units["TH"]])
    for kind, rule, rows in (
        ("outgoing", visible_outgoing, (draft, secret)),
        ("task", visible_tasks, (task_kt, task_vx)),
    ):
        for row in rows:
            expected = {p.pk for p in people.values() if rule(p, pk=row.pk).exists()}
            assert set(item_for(kind, row.pk).viewers) == expected, (kind, row.pk)
    assert people["spec_kt"].pk not in item_for("outgoing", secret.pk).viewers
    services.reindex_all()
    assert services.search(people["spec_vx"], "cai cach hanh chinh").total == sum(
        1 for row in (draft, secret) if visible_outgoing(people["spec_vx"], pk=row.pk).exists()
    )


def test_the_page_filters_overdue_tasks(client, people, units):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    late = assign_task(
        people["chairman"],
        lead_unit=units["KT"],
        content="Kiểm kê đất công trên địa bàn",
        assigned_on=today - dt.timedelta(days=40),
        deadline=today - dt.timedelta(days=10),
    )
    assign_task(people["chairman"], lead_unit=units["KT"], content="Kiểm kê đất công đợt hai")
    services.reindex_all()
    client.force_login(people["chairman"])
    url = reverse("search:results")
    assert 'id="search-total">2 kết quả<' in client.get(url, {"q": "kiem ke dat cong"}).content.decode()
    page = client.get(url, {"q": "kiem ke dat cong", "status": "overdue"}).content.decode()
    assert 'id="search-total">1 kết quả<' in page and f"/nhiem-vu/{late.pk}/" in page
    assert '<option value="overdue" selected>' in page
    page = client.get(url, {"q": "kiem ke dat cong", "status": "done"}).content.decode()
    assert 'id="search-total">0 kết quả<' in page


def test_drift_after_a_permission_change_whose_job_was_lost_is_reported_and_mended(people, units, register):
    """An assignment (or a person moved to another unit) changes who may see a document without touching its row:
    if the job is lost, the check names the document, and a reindex of that key mends it."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    doc = register_incoming(people["clerk"], register, abstract=PLAIN)
    services.reindex_all()
    assert services.check().clean
    with signals_off():
        incoming.direct(doc, people["chairman"], direction="KT chủ trì", lead_unit=units["KT"])
    assert visible_incoming(people["spec_kt"], pk=doc.pk).exists()
    assert services.search(people["spec_kt"], "tinh lo 8").total == 0  # the index as it stands
    drift = services.check()
    assert drift.stale + drift.viewers == [f"incoming:{doc.pk}"] and not (drift.missing or drift.extra)
    with pytest.raises(CommandError):
        call_command("search_check")
    services.reindex_keys(drift.stale + drift.viewers)
    assert services.check().clean and services.search(people["spec_kt"], "tinh lo 8").total == 1

    with signals_off():
        people["spec_vx"].unit = units["KT"]
        people["spec_vx"].save()
    assert services.check().viewers == [f"incoming:{doc.pk}"]
    services.reindex_viewer(people["spec_vx"].pk)
    assert services.check().clean


def test_the_page_filters_by_register_unit_and_issuing_agency(client, people, units, register, agency):
    from vanthu.testing.factories import RegisterFactory

    other_register = RegisterFactory(agency=agency, name="Sổ văn bản đến của Đảng")
    finance = register_incoming(
        people["clerk"], register, abstract=PLAIN, sender_name="Sở Tài chính", code_number="11"
    )
    register_incoming(
        people["clerk"], other_register, abstract=PLAIN, sender_name="Sở Xây dựng", code_number="12"
    )
    incoming.direct(finance, people["chairman"], direction="KT chủ trì", lead_unit=units["KT"])
    task = assign_task(people["chairman"], lead_unit=units["VX"], content="Rà soát tỉnh lộ 8 đoạn qua xã")
    services.reindex_all()
    client.force_login(people["chairman"])
    url = reverse("search:results")

    def total(**params) -> str:
        page = client.get(url, {"q": "tinh lo 8", **params}).content.decode()
        return page.split('id="search-total">')[1].split(" ")[0]

    assert total() == "3"
    assert total(register=other_register.pk) == "1"
    assert total(unit=units["KT"].pk) == "1"
    assert total(unit=units["VX"].pk) == "1"
    # the issuing agency however typed: without diacritics, upper case, extra spaces
    assert total(sender="so tai chinh") == "1"
    assert total(sender="SỞ XÂY  DỰNG ") == "1"
    assert total(sender="Sở Nội vụ") == "0"
    page = client.get(url, {"q": "tinh lo 8", "unit": units["VX"].pk}).content.decode()
    assert f"/nhiem-vu/{task.pk}/" in page and f'<option value="{units["VX"].pk}" selected>' in page
    # an id that is not one of the agency's registers is ignored, not an error
    assert total(register="999999") == "3"


def _pdf_with(text: str) -> bytes:
    import io
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = [
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    ]
    font = next((f for f in fonts if f.exists()), None)
    if font is None:
        pytest.skip("no TrueType font with Vietnamese letters (fonts-dejavu or fonts-liberation)")
    pdfmetrics.registerFont(TTFont("VN", str(font)))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("VN", 12)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def test_words_inside_an_attached_pdf_are_found(people, register):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vanthu.documents.files import store_upload

    data = _pdf_with("Phương án di dời cột điện trung thế tại nút giao Sóng Thần")
    stored = store_upload(SimpleUploadedFile("cv.pdf", data, "application/pdf"), people["clerk"])
    doc = register_incoming(people["clerk"], register, abstract=PLAIN, files=[stored])
    services.reindex_all()
    found = services.search(people["chairman"], "di doi cot dien trung the")
    assert [h.key for h in found.hits] == [f"incoming:{doc.pk}"]
    assert "<b>cột</b> <b>điện</b>" in found.hits[0].snippet
    assert services.search(people["spec_vx"], "cot dien trung the").total == 0  # not theirs to see


def test_a_query_matching_more_than_the_postgres_backend_counts_is_shown_newest_first(
    client, people, register, backend_name, settings
):
    if backend_name != "postgres":
        pytest.skip("only the PostgreSQL backend stops counting (Tantivy counts every match)")
    settings.VANTHU_SEARCH_COUNT_LIMIT = 100
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    docs = [
        register_incoming(
            people["clerk"],
            register,
            abstract=f"{PLAIN} đợt {i}",
            received_at=now - dt.timedelta(days=200 - i),
        )
        for i in range(101)
    ]
    services.reindex_all()
    found = services.search(people["chairman"], "tinh lo 8")
    assert found.capped and found.total == 100 and found.facets == {}
    assert [h.key for h in found.hits[:3]] == [f"incoming:{d.pk}" for d in docs[::-1][:3]]  # newest first
    assert services.search(people["spec_vx"], "tinh lo 8").total == 0  # still only what one may see
    assert not services.search(people["chairman"], "tinh lo 8 dot 7").capped
    client.force_login(people["chairman"])
    page = client.get(reverse("search:results"), {"q": "tinh lo 8"}).content.decode()
    assert "Hơn 100 kết quả, xếp từ mới nhất." in page and docs[-1].get_absolute_url() in page


def test_a_file_that_could_not_be_read_is_read_again_by_a_full_reindex(people, register):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile

    from vanthu.documents.files import store_upload
    from vanthu.documents.models import StoredFile

    data = _pdf_with("Phương án di dời cột điện trung thế tại nút giao Sóng Thần")
    stored = store_upload(SimpleUploadedFile("cv.pdf", data, "application/pdf"), people["clerk"])
    register_incoming(people["clerk"], register, abstract=PLAIN, files=[stored])
    name = stored.file.name
    kept = stored.file.storage.open(name).read()
    stored.file.storage.delete(name)  # the storage failed while the job ran
    services.reindex_all()
    assert StoredFile.objects.get(pk=stored.pk).text_state == "error"
    assert services.search(people["chairman"], "cot dien trung the").total == 0

    stored.file.storage.save(name, io.BytesIO(kept))  # back
    services.reindex_all()
    assert services.search(people["chairman"], "cot dien trung the").total == 1

"""The demo office built by ``manage.py seed_demo``: people who can log in, documents in every state, history."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from vanthu.documents.models import Confidentiality, Urgency
from vanthu.history.models import Event
from vanthu.incoming.models import Assignment, DocumentGrant, IncomingDocument
from vanthu.incoming.queries import filter_status
from vanthu.incoming.states import DocState
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import Agency, CalendarDay, ExternalAgency, Role, Unit, User
from vanthu.registers.models import Register
from vanthu.web.demo import DEMO_PASSWORD, shared_dir
from vanthu.web.demo.office import DIRECTORY_CSV
from vanthu.web.demo.people import COMMUNE, COMMUNE_PEOPLE, PROVINCE, PROVINCE_PEOPLE

pytestmark = pytest.mark.django_db

COUNT = 60


def _seed(**kwargs) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("seed_demo", stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def _sizes() -> dict[str, int]:
    models = (Agency, Unit, User, Register, CalendarDay, ExternalAgency, IncomingDocument, Assignment, Event)
    return {m.__name__: m.objects.count() for m in models}


def test_seed_demo_builds_a_working_office(client):
    out, _err = _seed(count=COUNT)
    province = Agency.objects.get(code=PROVINCE["code"])
    commune = Agency.objects.get(code=COMMUNE["code"])

    # the logins table: every demo account with the shared password
    assert "Tên đăng nhập" in out and "Mật khẩu" in out
    for person in PROVINCE_PEOPLE + COMMUNE_PEOPLE:
        assert any(line.split()[:2] == [person.username, DEMO_PASSWORD] for line in out.splitlines())

    # people of every role, who can log in with the printed password
    assert Unit.objects.filter(agency=province).count() == 7
    for role in Role.values:
        user = User.objects.filter(agency=province, role=role).first()
        assert user is not None, role
        assert user.email.endswith("@demo.vanthu.invalid")
        assert client.login(username=user.username, password=DEMO_PASSWORD), user.username
        client.logout()
    admin = User.objects.get(username="quantri")
    assert admin.is_staff and admin.is_superuser
    assert client.login(username="xa.vanthu", password=DEMO_PASSWORD)

    # the directory, imported from the CSV file of the repository, linked to the two agencies
    rows = len(DIRECTORY_CSV.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert ExternalAgency.objects.count() == rows >= 35
    assert ExternalAgency.objects.get(code=COMMUNE["code"]).internal_agency == commune
    assert CalendarDay.objects.filter(agency=province, kind=CalendarDay.Kind.OFF).exists()
    assert CalendarDay.objects.filter(agency=province, kind=CalendarDay.Kind.WORK).exists()

    # documents in every state, some overdue, some urgent, each with its history
    docs = IncomingDocument.objects.filter(agency=province)
    assert docs.count() == COUNT
    assert set(docs.values_list("state", flat=True)) == set(DocState.values)
    assert filter_status(docs, "overdue", province.pk).exists()
    assert filter_status(docs, "late", province.pk).exists()
    assert docs.filter(urgency__gt=Urgency.NORMAL).exists()
    assert IncomingDocument.objects.filter(agency=commune).count() >= 3
    registered = Event.objects.filter(object_type="incoming.incomingdocument", verb="registered")
    assert registered.count() == IncomingDocument.objects.count()
    completed = set(docs.filter(state=DocState.COMPLETED).values_list("pk", flat=True))
    assert (
        set(Event.objects.filter(verb="document_completed").values_list("object_id", flat=True)) >= completed
    )
    assert Event.objects.filter(verb="document_returned").exists()
    for doc in docs.exclude(state=DocState.REGISTERED):
        assert doc.received_at <= doc.handed_over_at <= doc.updated_at
    if (shared_dir() / "data" / "gazette").is_dir():
        assert docs.filter(files__isnull=False).exists()

    # the secret document: in the secret register, invisible to a specialist without a grant
    secret = docs.filter(confidentiality__gt=Confidentiality.NORMAL)
    assert secret.exists() and not secret.exclude(register__is_secret=True).exists()
    for doc in secret:
        granted = DocumentGrant.objects.filter(document=doc).values("user_id")
        outsiders = User.objects.filter(agency=province, role=Role.SPECIALIST).exclude(pk__in=granted)
        assert outsiders.exists()
        for specialist in outsiders:
            assert not visible_incoming(specialist).filter(pk=doc.pk).exists()

    # agencies are kept apart
    assert not visible_incoming(User.objects.get(username="vanthu1")).filter(agency=commune).exists()
    assert not visible_incoming(User.objects.get(username="xa.chutich")).filter(agency=province).exists()

    # incoming numbers run 1..N in each register and year, in order of receipt
    for register in Register.objects.filter(agency__in=[province, commune]):
        for year in set(IncomingDocument.objects.filter(register=register).values_list("year", flat=True)):
            in_order = IncomingDocument.objects.filter(register=register, year=year).order_by("received_at")
            numbers = list(in_order.values_list("number", flat=True))
            assert numbers == list(range(1, len(numbers) + 1)), register

    # a second run creates nothing and prints the logins again
    before = _sizes()
    again, _err = _seed()
    assert _sizes() == before
    assert "đã có" in again and "Tên đăng nhập" in again and "chutich" in again


def test_seed_demo_without_shared_data(tmp_path, monkeypatch):
    monkeypatch.setenv("VANTHU_SHARED_DIR", str(tmp_path))
    out, err = _seed(count=20)
    assert "văn bản mẫu" in err
    province = Agency.objects.get(code=PROVINCE["code"])
    docs = IncomingDocument.objects.filter(agency=province)
    assert docs.count() == 20
    assert not docs.filter(files__isnull=False).exists()
    assert "Tên đăng nhập" in out

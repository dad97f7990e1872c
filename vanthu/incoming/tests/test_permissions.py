"""Permission matrix of the incoming views: who gets what from every page and every action.

Every table below is data, one row per case, so that it reads as the rule it checks:

- ``SEES``: which person sees which document of the world (list, inbox, counts, detail, file, actions);
- ``ALLOWED``: the actions a person with rights performs (302) and the events they leave in the history;
- ``REFUSED``: the actions a person who sees the document may not perform (no change, an error message, no 500);
- ``CREATE``: who may open and post the registration form.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from vanthu.documents.models import Confidentiality, DocumentType
from vanthu.history.services import trail
from vanthu.incoming import services
from vanthu.incoming.models import Assignment, IncomingDocument
from vanthu.incoming.queries import status_of
from vanthu.testing.factories import register_incoming

from .conftest import attach_pdf

pytestmark = pytest.mark.django_db

ACTIONS = [
    "present",
    "forward",
    "direct",
    "delegate",
    "progress",
    "complete",
    "contribute",
    "acknowledge",
    "return",
]
DOC_VIEWS = ["detail", "file", *ACTIONS]

# ---------------------------------------------------------------------------------------------------------------
# The world: five documents, each with a file and a distinctive abstract.
#
#   new_doc     registered by the clerk, waiting to be presented
#   kt_doc      presented to the chairman, directed to Phòng KT (lead); deadline yesterday (overdue)
#   secret_doc  SECRET, registered by the clerk, presented to the Chánh VP, directed to KT, delegated to cv_kt
#   secret_new  SECRET, registered by the second clerk, not presented yet
#   other_doc   registered by the clerk of the other agency (UBND xã)
# ---------------------------------------------------------------------------------------------------------------
DOCS = ["new_doc", "kt_doc", "secret_doc", "secret_new", "other_doc"]

ABSTRACTS = {
    "new_doc": "Về việc tổ chức Hội nghị tổng kết công tác cải cách hành chính",
    "kt_doc": "Về việc bố trí vốn đầu tư công cho dự án đường ven biển",
    "secret_doc": "Về việc phương án bảo vệ mục tiêu quân sự trọng điểm",
    "secret_new": "Về việc danh sách đối tượng cần theo dõi đặc biệt",
    "other_doc": "Về việc hỗ trợ hộ nghèo xã Kỳ Anh đón Tết",
}

# fmt: off
#  user               new_doc kt_doc secret_doc secret_new other_doc
SEES = [
    ("clerk",            1,      1,      1,         0,         0),   # registered secret_doc
    ("clerk2",           1,      1,      0,         1,         0),   # registered secret_new
    ("chairman",         1,      1,      0,         0,         0),   # no grant for any secret document
    ("chief",            1,      1,      1,         0,         0),   # secret_doc was presented to him
    ("admin",            1,      1,      0,         0,         0),
    ("head_kt",          0,      1,      1,         0,         0),   # unit head of the lead unit: granted
    ("spec_kt",          0,      1,      1,         0,         0),   # secret_doc delegated to him: granted
    ("spec_kt2",         0,      1,      0,         0,         0),   # same unit, but no grant for secret_doc
    ("head_vx",          0,      0,      0,         0,         0),
    ("spec_vx",          0,      0,      0,         0,         0),
    ("spec_th",          0,      0,      0,         0,         0),   # the clerk's unit is not "involved"
    ("outsider",         0,      0,      0,         0,         1),   # clerk of the other agency
    ("outsider_leader",  0,      0,      0,         0,         1),   # chairman of the other agency
]
# fmt: on

USERS = [row[0] for row in SEES]
CELLS = [(row[0], doc, bool(seen)) for row in SEES for doc, seen in zip(DOCS, row[1:], strict=True)]
VISIBLE_CELLS = [(user, doc) for user, doc, seen in CELLS if seen]
HIDDEN_CELLS = [(user, doc) for user, doc, seen in CELLS if not seen]


def expected_visible(user: str) -> set[str]:
    return {doc for u, doc, seen in CELLS if u == user and seen}


class World:
    def __init__(self, everyone, units, docs, files):
        self.people = everyone
        self.units = units
        self.docs = docs
        self.files = files

    def doc(self, key: str) -> IncomingDocument:
        return IncomingDocument.objects.get(pk=self.docs[key].pk)


@pytest.fixture
def world(everyone, units, register, secret_register, outsiders):
    p = everyone
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    secret = {"register": secret_register, "confidentiality": Confidentiality.SECRET}

    new_doc = register_incoming(p["clerk"], register, abstract=ABSTRACTS["new_doc"])

    kt_doc = register_incoming(p["clerk"], register, abstract=ABSTRACTS["kt_doc"])
    services.present(kt_doc, p["clerk"], p["chairman"])
    services.direct(kt_doc, p["chairman"], direction="Phòng KT tham mưu", lead_unit=units["KT"])
    IncomingDocument.objects.filter(pk=kt_doc.pk).update(deadline=yesterday)
    Assignment.objects.filter(document=kt_doc).update(deadline=yesterday)

    secret_doc = register_incoming(p["clerk"], abstract=ABSTRACTS["secret_doc"], **secret)
    services.present(secret_doc, p["clerk"], p["chief"])
    services.direct(secret_doc, p["chief"], direction="Phòng KT tham mưu", lead_unit=units["KT"])
    services.delegate(secret_doc.assignments.get(), p["head_kt"], user=p["spec_kt"])
    IncomingDocument.objects.filter(pk=secret_doc.pk).update(deadline=yesterday)

    secret_new = register_incoming(p["clerk2"], abstract=ABSTRACTS["secret_new"], **secret)
    other_doc = register_incoming(p["outsider"], outsiders["register"], abstract=ABSTRACTS["other_doc"])

    docs = {
        "new_doc": new_doc,
        "kt_doc": kt_doc,
        "secret_doc": secret_doc,
        "secret_new": secret_new,
        "other_doc": other_doc,
    }
    files = {key: attach_pdf(doc, doc.created_by, f"{key}.pdf") for key, doc in docs.items()}
    return World(everyone, units, docs, files)


def action_data(world: World, doc: IncomingDocument, action: str) -> dict:
    """Valid form data for ``action`` on ``doc``: were the visibility check missing, the action would go through."""
    p, units = world.people, world.units
    assignment = doc.assignments.order_by("-id").first()
    data = {
        "present": {"leader": p["chairman"].pk, "note": "Kính trình"},
        "forward": {"unit": units["KT"].pk},
        "direct": {"direction": "Giao Phòng KT", "lead_unit": units["KT"].pk},
        "delegate": {"assignee": p["spec_kt"].pk},
        "acknowledge": {},
    }.get(action, {"text": "Nội dung"})
    if action in {"delegate", "progress", "complete", "contribute", "acknowledge", "return"}:
        data["assignment"] = assignment.pk if assignment else 999_999
    return data


def snapshot(doc: IncomingDocument):
    """Everything an action could change: the document's state, its assignments' states, its history length."""
    doc = IncomingDocument.objects.get(pk=doc.pk)
    parts = tuple(doc.assignments.order_by("id").values_list("id", "state"))
    return doc.state, doc.presented_to_id, parts, trail(doc).count(), doc.grants.count()


def url(view: str, world: World, key: str) -> str:
    doc = world.docs[key]
    if view == "detail":
        return reverse("incoming:detail", args=[doc.pk])
    if view == "file":
        return reverse("incoming:file", args=[doc.pk, world.files[key].pk])
    return reverse("incoming:action", args=[doc.pk, view])


# ---------------------------------------------------------------------------------------------------------------
# (a) and (b) on the world: every cell of SEES, on every page of one document
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "doc", "seen"), CELLS, ids=[f"{u}-{d}" for u, d, _s in CELLS])
@pytest.mark.parametrize("view", ["detail", "file"])
def test_detail_and_file(client, world, view, user, doc, seen):
    client.force_login(world.people[user])
    response = client.get(url(view, world, doc))
    assert response.status_code == (200 if seen else 404)
    if view == "detail":
        body = response.content.decode()
        assert (ABSTRACTS[doc] in body) is seen
        if seen:
            assert response.context["doc"].pk == world.docs[doc].pk
    elif seen:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(("user", "doc"), HIDDEN_CELLS, ids=[f"{u}-{d}" for u, d in HIDDEN_CELLS])
@pytest.mark.parametrize("action", ACTIONS)
def test_action_on_a_document_one_cannot_see_is_404(client, world, action, user, doc):
    target = world.docs[doc]
    before = snapshot(target)
    client.force_login(world.people[user])
    response = client.post(url(action, world, doc), action_data(world, target, action))
    assert response.status_code == 404
    assert snapshot(target) == before


@pytest.mark.parametrize("user", USERS)
def test_list_inbox_and_counts_show_only_what_one_sees(client, world, user):
    person = world.people[user]
    visible = expected_visible(user)
    hidden = set(DOCS) - visible
    client.force_login(person)

    response = client.get(reverse("incoming:list"))
    assert response.status_code == 200
    listed = {d.pk for d in response.context["page"].object_list}
    assert listed == {world.docs[k].pk for k in visible}
    assert response.context["page"].paginator.count == len(visible)
    html = response.content.decode()
    for key in visible:
        assert ABSTRACTS[key] in html
    for key in hidden:
        assert ABSTRACTS[key] not in html

    # a search for the hidden document's own words, or a filter on its status, does not bring it back
    for key in hidden:
        found = client.get(reverse("incoming:list"), {"q": ABSTRACTS[key][8:40]})
        assert found.context["page"].paginator.count == 0
        assert ABSTRACTS[key] not in found.content.decode()
    overdue = client.get(reverse("incoming:list"), {"status": "overdue"})
    assert {d.pk for d in overdue.context["page"].object_list} == {
        world.docs[k].pk for k in visible & {"kt_doc", "secret_doc"}
    }

    response = client.get(reverse("incoming:inbox"))
    assert response.status_code == 200
    html = response.content.decode()
    for key in hidden:
        assert ABSTRACTS[key] not in html
    hidden_pks = {world.docs[k].pk for k in hidden}
    for section in response.context["sections"]:
        items = list(section.items)
        assert not {d.pk for d in items} & hidden_pks, section.key
        assert section.count == len(items), section.key
    # the counts by deadline status are those of the visible open documents, computed here in Python
    expected = {s: 0 for s in response.context["counts"]}
    for key in visible:
        doc = world.doc(key)
        if doc.state != "completed":
            expected[status_of(doc, person.agency_id).value] += 1
    assert response.context["counts"] == expected
    # the header badge counts the same sections
    assert response.context["nav_counts"]()["inbox"] == sum(s.count for s in response.context["sections"])


def test_inbox_sections_of_the_clerks_skip_the_secret_document_they_were_not_granted(client, world):
    """Both clerks see new_doc to present; only clerk2 (who registered it) sees secret_new."""
    for user, expected in [("clerk", {"new_doc"}), ("clerk2", {"new_doc", "secret_new"})]:
        client.force_login(world.people[user])
        sections = {s.key: s for s in client.get(reverse("incoming:inbox")).context["sections"]}
        assert {d.pk for d in sections["to_present"].items} == {world.docs[k].pk for k in expected}
        assert sections["to_present"].count == len(expected)


def test_duplicate_check_does_not_reveal_documents_one_cannot_see(client, world, register):
    """The duplicate warning while typing lists only visible documents (here secret_new of the other clerk)."""
    secret_new = world.docs["secret_new"]
    data = {
        "register": register.pk,
        "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "channel": "paper",
        "sender_name": secret_new.sender_name,
        "code": f"{secret_new.code_number}/{secret_new.code_notation}",
        "document_date": secret_new.document_date.strftime("%d/%m/%Y"),
        "doc_type": DocumentType.objects.get(code="cong-van").pk,
        "abstract": "Một văn bản khác",
        "urgency": 0,
        "confidentiality": 0,
    }
    for user, warned in [("clerk", False), ("clerk2", True)]:
        client.force_login(world.people[user])
        response = client.get(reverse("incoming:duplicate_check"), data)
        assert response.status_code == 200
        assert (secret_new.get_absolute_url() in response.content.decode()) is warned


# ---------------------------------------------------------------------------------------------------------------
# (b) + (c): allowed actions, by the person whose turn it is, and the history they leave
# ---------------------------------------------------------------------------------------------------------------

# "@name" is a person, "#KT" a unit of the agency; "assignment" is added from the scenario.
# fmt: off
#  action         actor       scenario      form data                                          state after    events: (verb, actor, from_state, to_state)
ALLOWED = [
    ("present",    "clerk",    "registered", {"leader": "@chairman"},                          "presented",   [("presented", "clerk", "registered", "presented")]),
    ("present",    "admin",    "registered", {"leader": "@chief"},                             "presented",   [("presented", "admin", "registered", "presented")]),
    ("present",    "chairman", "presented",  {"leader": "@chief"},                             "presented",   [("presented", "chairman", "presented", "presented")]),
    ("forward",    "clerk",    "registered", {"unit": "#KT"},                                  "in_progress", [("forwarded", "clerk", "registered", "in_progress")]),
    ("direct",     "chairman", "presented",  {"direction": "KT chủ trì", "lead_unit": "#KT"},  "in_progress", [("directed", "chairman", "presented", "in_progress")]),
    ("direct",     "chief",    "registered", {"direction": "Giao cv_vx", "lead_user": "@spec_vx"}, "in_progress", [("directed", "chief", "registered", "in_progress")]),
    ("delegate",   "head_kt",  "lead_kt",    {"assignee": "@spec_kt"},                         "in_progress", [("assigned", "head_kt", "new", "delegated")]),
    ("progress",   "head_kt",  "lead_kt",    {"text": "Đang lấy ý kiến các xã"},               "in_progress", [("progress", "head_kt", "", "")]),
    ("progress",   "spec_kt",  "delegated",  {"text": "Đã làm việc với Sở"},                   "in_progress", [("progress", "spec_kt", "", "")]),
    ("complete",   "head_kt",  "lead_kt",    {"text": "Đã trả lời số 12/UBND-KT"},             "completed",   [("completed", "head_kt", "new", "done"), ("document_completed", "head_kt", "in_progress", "completed")]),
    ("complete",   "spec_kt",  "delegated",  {"text": "Đã trả lời số 13/UBND-KT"},             "completed",   [("completed", "spec_kt", "new", "done"), ("closed", "spec_kt", "delegated", "done"), ("document_completed", "spec_kt", "in_progress", "completed")]),
    ("contribute", "head_vx",  "coop_vx",    {"text": "VX thống nhất"},                        "in_progress", [("contributed", "head_vx", "new", "done")]),
    ("acknowledge", "head_vx", "info_vx",    {},                                               "in_progress", [("acknowledged", "head_vx", "new", "done")]),
    ("return",     "head_kt",  "lead_kt",    {"text": "Không thuộc lĩnh vực"},                 "presented",   [("returned", "head_kt", "new", "returned"), ("document_returned", "head_kt", "in_progress", "presented")]),
    ("return",     "head_kt",  "forwarded",  {"text": "Chuyển nhầm đơn vị"},                  "registered",  [("returned", "head_kt", "new", "returned"), ("document_returned", "head_kt", "in_progress", "registered")]),
    ("return",     "spec_kt",  "delegated",  {"text": "Đề nghị giao người khác"},              "in_progress", [("returned", "spec_kt", "new", "returned"), ("reopened", "spec_kt", "delegated", "new")]),
]
# fmt: on


def resolve(data: dict, everyone, units, target) -> dict:
    out = {}
    for key, value in data.items():
        if isinstance(value, str) and value.startswith("@"):
            value = everyone[value[1:]].pk
        elif isinstance(value, str) and value.startswith("#"):
            value = units[value[1:]].pk
        out[key] = value
    if target is not None:
        out["assignment"] = target.pk
    return out


def message_levels(response) -> list[tuple[int, str]]:
    return [(m.level, str(m)) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("action", "actor", "kind", "data", "state_after", "events"),
    ALLOWED,
    ids=[f"{a}-by-{u}-{k}" for a, u, k, *_rest in ALLOWED],
)
def test_allowed_action_redirects_and_records_history(
    client, everyone, units, scenario, action, actor, kind, data, state_after, events
):
    doc, target = scenario(kind)
    already = trail(doc).count()
    client.force_login(everyone[actor])
    response = client.post(
        reverse("incoming:action", args=[doc.pk, action]), resolve(data, everyone, units, target)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == doc.get_absolute_url()
    assert [level for level, _text in message_levels(response)] == [messages.SUCCESS]
    doc.refresh_from_db()
    assert doc.state == state_after
    recorded = [(e.verb, e.actor, e.from_state, e.to_state) for e in trail(doc)[already:]]
    assert recorded == [(verb, everyone[who], a, b) for verb, who, a, b in events]
    # the actor still sees the document afterwards
    assert client.get(doc.get_absolute_url()).status_code == 200


# ---------------------------------------------------------------------------------------------------------------
# visible but not allowed: nothing changes, an error message, never a 500
# ---------------------------------------------------------------------------------------------------------------

NOT_YOURS = "Phần việc này không được giao cho bạn"
WRONG_STATE = "Không thể thực hiện thao tác này khi văn bản"
WRONG_PART = "Không thể thực hiện thao tác này với phần việc"

# fmt: off
#  action         actor       scenario      form data                                          status  message shown
REFUSED = [
    ("direct",     "spec_kt",  "lead_kt",    {"direction": "x", "lead_unit": "#KT"},           302,    "Chỉ lãnh đạo được cho ý kiến chỉ đạo"),
    ("direct",     "head_kt",  "lead_kt",    {"direction": "x", "lead_unit": "#KT"},           302,    "Chỉ lãnh đạo được cho ý kiến chỉ đạo"),
    ("direct",     "clerk",    "registered", {"direction": "x", "lead_unit": "#KT"},           302,    "Chỉ lãnh đạo được cho ý kiến chỉ đạo"),
    ("direct",     "admin",    "presented",  {"direction": "x", "lead_unit": "#KT"},           302,    "Chỉ lãnh đạo được cho ý kiến chỉ đạo"),
    ("direct",     "chairman", "lead_kt",    {"direction": "x", "lead_unit": "#KT"},           302,    WRONG_STATE),
    ("direct",     "chairman", "presented",  {"direction": "x"},                               422,    "Chọn một đơn vị chủ trì hoặc một cá nhân chủ trì"),
    ("present",    "spec_kt",  "lead_kt",    {"leader": "@chairman"},                          302,    "Bạn không có quyền trình văn bản này"),
    ("present",    "chief",    "presented",  {"leader": "@chairman"},                          302,    "Bạn không có quyền trình văn bản này"),
    ("present",    "clerk",    "lead_kt",    {"leader": "@chairman"},                          302,    WRONG_STATE),
    ("forward",    "chairman", "registered", {"unit": "#KT"},                                  302,    "Chỉ văn thư được chuyển văn bản trực tiếp"),
    ("forward",    "clerk",    "lead_kt",    {"unit": "#VX"},                                  302,    WRONG_STATE),
    ("delegate",   "spec_kt",  "lead_kt",    {"assignee": "@spec_kt2"},                        302,    NOT_YOURS),
    ("delegate",   "head_kt",  "delegated",  {"assignee": "@spec_kt2"},                        302,    NOT_YOURS),
    ("delegate",   "head_kt",  "lead_kt",    {"assignee": "@spec_vx"},                         422,    "Chưa thực hiện được"),
    ("progress",   "spec_kt2", "delegated",  {"text": "x"},                                    302,    NOT_YOURS),
    ("progress",   "chairman", "lead_kt",    {"text": "x"},                                    302,    NOT_YOURS),
    ("complete",   "spec_kt",  "lead_kt",    {"text": "x"},                                    302,    NOT_YOURS),
    ("complete",   "clerk",    "lead_kt",    {"text": "x"},                                    302,    NOT_YOURS),
    ("complete",   "head_vx",  "coop_vx",    {"text": "x"},                                    302,    WRONG_PART),
    ("complete",   "head_kt",  "lead_kt",    {"text": "   "},                                  422,    "Vui lòng nhập nội dung"),
    ("contribute", "head_kt",  "lead_kt",    {"text": "x"},                                    302,    WRONG_PART),
    ("contribute", "spec_vx",  "coop_vx",    {"text": "x"},                                    302,    NOT_YOURS),
    ("acknowledge", "head_kt", "lead_kt",    {},                                               302,    WRONG_PART),
    ("acknowledge", "spec_vx", "info_vx",    {},                                               302,    NOT_YOURS),
    ("return",     "head_vx",  "info_vx",    {"text": "x"},                                    302,    WRONG_PART),
    ("return",     "spec_kt",  "lead_kt",    {"text": "x"},                                    302,    NOT_YOURS),
    ("return",     "head_kt",  "lead_kt",    {"text": ""},                                     422,    "Vui lòng nhập nội dung"),
]
# fmt: on


@pytest.mark.parametrize(
    ("action", "actor", "kind", "data", "status", "message"),
    REFUSED,
    ids=[f"{a}-by-{u}-{k}-{i}" for i, (a, u, k, *_rest) in enumerate(REFUSED)],
)
def test_visible_but_not_allowed_changes_nothing(
    client, everyone, units, scenario, action, actor, kind, data, status, message
):
    doc, target = scenario(kind)
    before = snapshot(doc)
    client.force_login(everyone[actor])
    assert client.get(doc.get_absolute_url()).status_code == 200  # the actor does see the document
    response = client.post(
        reverse("incoming:action", args=[doc.pk, action]), resolve(data, everyone, units, target)
    )
    assert response.status_code == status
    shown = message_levels(response)
    assert all(level == messages.ERROR for level, _text in shown)
    assert any(message in text for _level, text in shown) or message in response.content.decode()
    assert snapshot(doc) == before


@pytest.mark.parametrize("kind", ["lead_kt", "delegated"])
def test_the_holder_can_act_on_every_database(everyone, scenario, kind):
    """Regression: locking an assignment (select_for_update with outer joins to unit and user) once failed on
    PostgreSQL with "FOR UPDATE cannot be applied to the nullable side of an outer join"."""
    doc, target = scenario("lead_kt")
    holder = everyone["head_kt"]
    if kind == "delegated":
        target = services.delegate(target, holder, user=everyone["spec_kt"])
        holder = everyone["spec_kt"]
    services.note_progress(target, holder, "Đang xử lý")
    services.complete(target, holder, "Đã trả lời")
    doc.refresh_from_db()
    assert doc.state == "completed"


def test_assignment_of_another_document_is_404(client, everyone, scenario):
    """A holder cannot act on a document through the assignment of another one."""
    doc, _target = scenario("registered")
    _other, assignment = scenario("lead_kt")
    before = snapshot(_other)
    client.force_login(everyone["clerk"])
    response = client.post(
        reverse("incoming:action", args=[doc.pk, "complete"]), {"assignment": assignment.pk, "text": "x"}
    )
    assert response.status_code == 404
    assert snapshot(_other) == before


@pytest.mark.parametrize(
    "assignment",
    [
        None,
        "999999",
        "",  # regression: a non-numeric id once surfaced Django's English "Field 'id' expected a number…"
        "abc",
    ],
)
def test_missing_or_malformed_assignment_is_404(client, everyone, scenario, assignment):
    doc, _target = scenario("lead_kt")
    before = snapshot(doc)
    client.force_login(everyone["head_kt"])
    data = {"text": "x"} if assignment is None else {"text": "x", "assignment": assignment}
    response = client.post(reverse("incoming:action", args=[doc.pk, "complete"]), data)
    assert snapshot(doc) == before  # never a 500, never a change
    assert not [text for _level, text in message_levels(response) if "Field 'id'" in text]
    assert response.status_code == 404


def test_unknown_action_is_404_and_get_is_405(client, everyone, scenario):
    doc, _target = scenario("registered")
    client.force_login(everyone["clerk"])
    assert client.post(reverse("incoming:action", args=[doc.pk, "xoa"])).status_code == 404
    assert client.get(reverse("incoming:action", args=[doc.pk, "present"])).status_code == 405


# ---------------------------------------------------------------------------------------------------------------
# create (vào sổ)
# ---------------------------------------------------------------------------------------------------------------

# fmt: off
#  user               GET    POST (into the agency's normal register)
CREATE = [
    ("clerk",          200,   302),
    ("clerk2",         200,   302),
    ("admin",          200,   302),
    ("chairman",       403,   403),
    ("chief",          403,   403),
    ("head_kt",        403,   403),
    ("spec_kt",        403,   403),
    ("outsider",       200,   200),   # a clerk, but the register is not of their agency: form error
]
# fmt: on


@pytest.mark.parametrize(("user", "get_status", "post_status"), CREATE)
def test_create(client, everyone, register, user, get_status, post_status):
    client.force_login(everyone[user])
    assert client.get(reverse("incoming:create")).status_code == get_status
    data = {
        "register": register.pk,
        "received_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
        "channel": "paper",
        "sender_name": "Sở Tài chính tỉnh Hà Tĩnh",
        "code": "45/STC-NS",
        "document_date": (timezone.localdate() - dt.timedelta(days=2)).strftime("%d/%m/%Y"),
        "doc_type": DocumentType.objects.get(code="cong-van").pk,
        "abstract": "Về việc bố trí kinh phí giải phóng mặt bằng",
        "urgency": 0,
        "confidentiality": 0,
    }
    response = client.post(reverse("incoming:create"), data)
    assert response.status_code == post_status
    if post_status == 302:
        doc = IncomingDocument.objects.get()
        assert response["Location"] == doc.get_absolute_url()
        [event] = trail(doc)
        assert (event.verb, event.actor, event.from_state, event.to_state) == (
            "registered",
            everyone[user],
            "",
            "registered",
        )
    else:
        assert not IncomingDocument.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# anonymous
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["list", "inbox", "create", *DOC_VIEWS])
def test_anonymous_is_sent_to_the_login_page(client, world, view):
    if view in {"list", "inbox", "create"}:
        response = client.get(reverse(f"incoming:{view}"))
    elif view in {"detail", "file"}:
        response = client.get(url(view, world, "kt_doc"))
    else:
        doc = world.docs["kt_doc"]
        before = snapshot(doc)
        response = client.post(url(view, world, "kt_doc"), action_data(world, doc, view))
        assert snapshot(doc) == before
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=")

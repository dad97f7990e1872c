"""Fixtures of the incoming tests: more people (a second clerk, people of another agency) and small scenarios."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vanthu.documents.files import store_upload
from vanthu.incoming import services
from vanthu.organization.models import Role
from vanthu.testing.factories import RegisterFactory, UserFactory, register_incoming


@pytest.fixture
def clerk2(agency, units):
    """A second clerk of the same agency (sees every non-secret document, no secret one it was not granted)."""
    return UserFactory(
        username="vanthu2", agency=agency, unit=units["TH"], role=Role.CLERK, position="Văn thư"
    )


@pytest.fixture
def outsiders(other_agency):
    """People of ``other_agency`` (UBND xã Kỳ Anh) and its register."""
    return {
        "outsider": UserFactory(
            username="vanthu_xa", agency=other_agency, role=Role.CLERK, position="Văn thư"
        ),
        "outsider_leader": UserFactory(
            username="chutich_xa", agency=other_agency, role=Role.AGENCY_LEADER, position="Chủ tịch"
        ),
        "register": RegisterFactory(agency=other_agency, name="Sổ văn bản đến xã", is_secret=False),
    }


@pytest.fixture
def everyone(people, clerk2, outsiders):
    """Every person of the tests by key: the ``people`` of the shared conftest, ``clerk2`` and the outsiders."""
    return {
        **people,
        "clerk2": clerk2,
        "outsider": outsiders["outsider"],
        "outsider_leader": outsiders["outsider_leader"],
    }


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach_pdf(doc, user, name: str = "van-ban.pdf"):
    """Attach a small PDF (distinct content per document) to ``doc``; returns the StoredFile."""
    content = PDF + f"% {doc.pk} {name}\n".encode()
    stored = store_upload(SimpleUploadedFile(name, content, "application/pdf"), user)
    doc.files.add(stored)
    return stored


@pytest.fixture
def scenario(people, units, register):
    """Build one non-secret document in a given stage of handling; returns (document, the assignment to act on).

    - ``registered``: just registered by the clerk.
    - ``presented``: presented by the clerk to the chairman.
    - ``forwarded``: forwarded by the clerk to Phòng KT (lead), no leader involved.
    - ``lead_kt``: directed by the chairman, Phòng KT leads; the unit assignment.
    - ``coop_vx``: directed, KT leads, Phòng VX co-operates; VX's assignment.
    - ``info_vx``: directed, KT leads, Phòng VX is informed; VX's assignment.
    - ``delegated``: ``lead_kt`` then the head of KT gives it to cv_kt; cv_kt's personal assignment.
    """

    def build(kind: str, **register_overrides):
        clerk, chairman = people["clerk"], people["chairman"]
        doc = register_incoming(clerk, register, **register_overrides)
        target = None
        if kind == "presented":
            services.present(doc, clerk, chairman, "Kính trình")
        elif kind == "forwarded":
            services.forward(doc, clerk, unit=units["KT"], note="Chuyển KT")
            target = doc.assignments.get()
        elif kind in {"lead_kt", "delegated"}:
            services.direct(doc, chairman, direction="Giao Phòng KT", lead_unit=units["KT"])
            target = doc.assignments.get()
            if kind == "delegated":
                target = services.delegate(target, people["head_kt"], user=people["spec_kt"])
        elif kind == "coop_vx":
            services.direct(
                doc, chairman, direction="KT chủ trì", lead_unit=units["KT"], coop_units=[units["VX"]]
            )
            target = doc.assignments.get(unit=units["VX"])
        elif kind == "info_vx":
            services.direct(
                doc, chairman, direction="KT chủ trì", lead_unit=units["KT"], info_units=[units["VX"]]
            )
            target = doc.assignments.get(unit=units["VX"])
        else:
            assert kind == "registered", kind
        doc.refresh_from_db()
        return doc, target

    return build

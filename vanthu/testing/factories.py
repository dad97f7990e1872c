"""factory-boy factories shared by every context's tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from vanthu.documents.models import DocumentType
from vanthu.organization.models import Agency, ExternalAgency, Role, Unit, User
from vanthu.registers.models import Register

PASSWORD = "matkhau-123"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    name = "Ủy ban nhân dân tỉnh Hà Tĩnh"
    abbreviation = "UBND"
    code = factory.Sequence(lambda n: f"000.00.{n % 100:02d}.H{(n % 60) + 1:02d}")
    parent_name = ""
    place_name = "Hà Tĩnh"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng {n}")
    abbreviation = factory.Sequence(lambda n: f"P{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn"
    last_name = factory.Sequence(lambda n: f"Nguyễn {n}")
    agency = factory.SubFactory(AgencyFactory)
    unit = None
    role = Role.SPECIALIST
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ExternalAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalAgency

    name = factory.Sequence(lambda n: f"Sở Ngành {n}")
    abbreviation = "SNV"
    code = factory.Sequence(lambda n: f"000.{n // 100 % 100:02d}.{n % 100:02d}.H42")  # the 13-character form


class RegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Register

    agency = factory.SubFactory(AgencyFactory)
    name = "Sổ văn bản đến"
    direction = Register.Direction.INCOMING
    is_secret = False
    is_default = True


def doc_type(abbreviation: str = "CV") -> DocumentType:
    if abbreviation == "CV":
        return DocumentType.objects.get(code="cong-van")
    return DocumentType.objects.get(abbreviation=abbreviation)


def register_incoming(clerk, register, **overrides):
    """Register an incoming document through the real service, with sensible defaults."""
    from vanthu.incoming.services import register_document

    n = register_incoming.counter = getattr(register_incoming, "counter", 0) + 1
    values = {
        "register": register,
        "received_at": timezone.now(),
        "sender": None,
        "sender_name": "Sở Tài chính tỉnh Hà Tĩnh",
        "code_number": str(100 + n),
        "code_notation": "STC-NS",
        "document_date": timezone.localdate() - dt.timedelta(days=1),
        "doc_type": doc_type("CV"),
        "abstract": f"Về việc bố trí kinh phí giải phóng mặt bằng dự án số {n}",
    }
    values.update(overrides)
    return register_document(clerk, **values)


def assign_task(actor, *, assigned_by=None, source=None, assigned_on=None, parent=None, **spec):
    """Assign one task through the real service; ``spec`` are TaskSpec fields (content defaults to a sample)."""
    from vanthu.tasks.services import TaskSpec, create_task

    n = assign_task.counter = getattr(assign_task, "counter", 0) + 1
    spec.setdefault("content", f"Rà soát, báo cáo tiến độ giải phóng mặt bằng dự án số {n}")
    if "deadline" in spec and "deadline_kind" not in spec:
        spec["deadline_kind"] = "date" if spec["deadline"] else "none"
    if "deadline" not in spec and spec.get("deadline_kind", "date") == "date":
        spec["deadline"] = (assigned_on or timezone.localdate()) + dt.timedelta(days=30)
    return create_task(
        actor,
        TaskSpec(**spec),
        assigned_by=assigned_by,
        source=source,
        assigned_on=assigned_on,
        parent=parent,
    )


def draft_file(user, name: str = "du-thao.pdf", kind: str = "pdf"):
    """A small stored draft file (PDF, or a minimal DOCX with ``kind="docx"``), distinct for each call."""
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    from vanthu.outgoing.files import store_draft_file

    n = draft_file.counter = getattr(draft_file, "counter", 0) + 1
    if kind == "docx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", f"<w:document>{name} {n}</w:document>")
        content = buffer.getvalue()
    else:
        content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + f"% {name} {n}\n".encode()
    return store_draft_file(SimpleUploadedFile(name, content), user)


def draft_outgoing(drafter, **overrides):
    """Create a draft outgoing document through the real service: a công văn of the drafter's unit with a PDF."""
    from vanthu.outgoing.services import create_draft

    n = draft_outgoing.counter = getattr(draft_outgoing, "counter", 0) + 1
    if "file" not in overrides:
        overrides["file"] = draft_file(drafter, f"du-thao-{n}.pdf")
    values = {
        "doc_type": doc_type("CV"),
        "abstract": f"Về việc triển khai kế hoạch cải cách hành chính đợt {n}",
    }
    values.update(overrides)
    return create_draft(drafter, **values)

"""Demo outgoing documents (văn bản đi) of the provincial People's Committee, consistent with its incoming ones.

A year of issued documents, numbered as a real UBND numbers them (Decree 30 Điều 15, the mapping being the
agency's choice): decisions (QĐ) in their own register, normative decisions in a register of their own with the
year in the notation (``05/2026/QĐ-UBND``), secret documents in the secret register, everything else (công văn
``45/UBND-KT``, thông báo, kế hoạch, báo cáo, tờ trình…) in the shared "Sổ văn bản đi". Numbers run from 01 in
the order of the issue dates, with no gap.

Every document goes through the services as a specialist, the head of unit, the chief of office, the signer and
the clerk would take it: draft, submit, approve, approve, sign, issue. Replies answer incoming documents the
drafting unit handled (those show "Đã trả lời bằng văn bản số …" and some are closed by it); a few go to Sở Tài
chính, an agency of the installation, whose clerk accepted all but the last one. Drafts are left at every step
for the demo users to click through. The services stamp "now": the moments are then set back to the plan's
(history events keep the time of the seed, as for the incoming documents).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from vanthu.documents.models import Confidentiality, DocumentType, Urgency
from vanthu.incoming import services as incoming
from vanthu.incoming.models import Arrival, IncomingDocument
from vanthu.incoming.states import ArrivalState, DocState
from vanthu.incoming.visibility import visible_incoming
from vanthu.organization.models import ExternalAgency, User
from vanthu.organization.services import calendar_for
from vanthu.outgoing import services
from vanthu.outgoing.files import store_draft_file
from vanthu.outgoing.models import AmendKind, NumberingRule, NumberingScope, OutgoingDocument, Placement
from vanthu.outgoing.services import RecipientSpec
from vanthu.registers.models import Register

from .office import AgencySetup
from .outgoing_stamps import apply_stamps

#: Issued documents of the year, by type (abbreviation or "CV"), roughly as a provincial UBND issues them.
MIX = (("CV", 58), ("QĐ", 18), ("TB", 8), ("KH", 6), ("BC", 5), ("TTr", 3), ("CT", 2))
#: Drafting units of the office and what they write about.
TOPICS = {
    "TH": ["tổng hợp báo cáo tình hình kinh tế - xã hội tháng", "chương trình công tác của UBND tỉnh quý"],
    "KT": ["bố trí vốn đầu tư công đợt", "giải phóng mặt bằng dự án đường tỉnh lộ số"],
    "KTN": ["phòng, chống thiên tai và tìm kiếm cứu nạn đợt", "quản lý khai thác khoáng sản khu vực số"],
    "VX": ["tổ chức kỳ thi tốt nghiệp trung học phổ thông cụm", "phòng, chống dịch bệnh mùa mưa bão đợt"],
    "NC": ["giải quyết khiếu nại của công dân, hồ sơ số", "cải cách hành chính, chỉ số PAR INDEX nhóm"],
    "HCTC": ["mua sắm trang thiết bị làm việc gói số", "tổ chức hội nghị cán bộ, công chức lần"],
}
TITLES = {
    "QĐ": "Về việc phê duyệt",
    "TB": "Kết luận của Chủ tịch UBND tỉnh về",
    "KH": "Kế hoạch triển khai",
    "BC": "Báo cáo kết quả",
    "TTr": "Đề nghị phê duyệt",
    "CT": "Về việc tăng cường",
}
SIGNERS = ("chutich", "pct.tran", "pct.le", "pct.nguyen")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def draft_pdf(*lines: str) -> bytes:
    """A one-page PDF with ``lines`` as its text (a draft's words, found by search; none: a scan without a text
    layer); the bare placeholder when no font with Vietnamese letters is installed."""
    import io

    from reportlab.pdfgen import canvas

    from vanthu.documents.exports import FontNotFound
    from vanthu.documents.exports.pdf_writer import register_fonts

    try:
        regular, _bold = register_fonts()
    except FontNotFound:
        return PDF
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.setFont(regular, 12)
    for i, line in enumerate(lines):
        page.drawString(72, 760 - 18 * i, line[:95])
    page.save()
    return buffer.getvalue()


@dataclass
class OutgoingDemo:
    """What ``build_outgoing`` made: issued documents per register, and the drafts left at each step."""

    issued: dict[str, int] = field(default_factory=dict)
    waiting: dict[str, int] = field(default_factory=dict)
    replies: int = 0
    to_stc: int = 0


class _Builder:
    def __init__(self, setup: AgencySetup, stc: AgencySetup, rng: random.Random, started: datetime) -> None:
        self.setup, self.stc, self.rng, self.started = setup, stc, rng, started
        self.users = setup.users
        self.calendar = calendar_for(setup.agency)
        self.tz = timezone.get_current_timezone()
        self.types = {
            t.abbreviation: t for t in DocumentType.objects.filter(abbreviation__in=[m[0] for m in MIX])
        }
        self.types["CV"] = DocumentType.objects.get(code="cong-van")
        self.stc_entry = ExternalAgency.objects.filter(internal_agency=stc.agency).first()
        self.n = 0
        self.result = OutgoingDemo()
        self.stamps: dict[int, dict] = {}

    # --- people ---------------------------------------------------------------------------------------

    def specialist(self, unit: str) -> User:
        staff = [
            u
            for u in self.users.values()
            if u.unit_id == self.setup.units[unit].pk and u.role == "specialist"
        ]
        return self.rng.choice(staff)

    def signer(self, abbreviation: str) -> tuple[User, dict]:
        username = (
            "chutich"
            if abbreviation in ("QĐ", "CT") and self.rng.random() < 0.5
            else self.rng.choice(SIGNERS)
        )
        user = self.users[username]
        if username == "chutich":
            return user, {
                "signing_authority": "TM",
                "authority_of": "ỦY BAN NHÂN DÂN",
                "signer_title": "CHỦ TỊCH",
            }
        return user, {"signing_authority": "KT", "authority_of": "CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH"}

    # --- one document -----------------------------------------------------------------------------------

    def draft(
        self, abbreviation: str, unit: str, *, drafter: User | None = None, **extra
    ) -> OutgoingDocument:
        self.n += 1
        drafter = drafter or self.specialist(unit)
        signer, authority = self.signer(abbreviation)
        topic = self.rng.choice(TOPICS[unit])
        subject = f"{topic} {self.rng.randint(1, 12)}/{self.started.year}"
        if "abstract" not in extra:
            extra["abstract"] = (
                f"V/v {subject}" if abbreviation == "CV" else f"{TITLES[abbreviation]} {subject}"
            )
        words = draft_pdf(
            "DỰ THẢO",
            extra["abstract"],
            f"Đơn vị soạn thảo: {self.setup.units[unit].name}",
            f"Bản số {self.n}",
        )
        upload = SimpleUploadedFile(f"du-thao-{self.n}.pdf", words, "application/pdf")
        extra.setdefault("recipients", self.default_recipients(abbreviation))
        return services.create_draft(
            drafter,
            doc_type=self.types[abbreviation],
            drafting_unit=self.setup.units[unit],
            proposed_signer=signer,
            file=store_draft_file(upload, drafter),
            **authority,
            **extra,
        )

    def default_recipients(self, abbreviation: str) -> list[RecipientSpec]:
        units = [u for key, u in self.setup.units.items() if key in TOPICS]
        chosen = self.rng.sample(units, 2)
        out = [RecipientSpec(unit=u) for u in chosen]
        if abbreviation in ("QĐ", "KH", "CT", "TB"):
            out.append(RecipientSpec(name="Các sở, ban, ngành cấp tỉnh", placement=Placement.LISTED))
        return out

    def walk(self, doc: OutgoingDocument, until: str = "signed") -> OutgoingDocument:
        """Submit and approve up to ``until``: "head" (held by the head of unit), "chief" (format check),
        "signer" (waiting for the signature), "signed"."""
        doc = services.submit(doc, doc.drafter)
        stops = {"head": 0, "chief": 1, "signer": 2}
        approvals = 0
        while doc.state == "in_review" and not doc.current_step.is_signing:
            if stops.get(until) == approvals:
                return doc
            doc = services.approve(doc, doc.holder)
            approvals += 1
        if until == "signer":
            return doc
        return services.sign(doc, doc.holder)

    def stamp(self, doc: OutgoingDocument, created: datetime, issued: datetime | None = None) -> None:
        values = {"created_at": created, "updated_at": issued or created, "held_since": created}
        if issued is not None:
            values["issued_at"] = issued
            values["signed_on"] = timezone.localtime(issued, self.tz).date()
        self.stamps[doc.pk] = values

    def moment(self, day: date) -> datetime:
        minutes = self.rng.randint(7 * 60 + 45, 16 * 60 + 30)
        return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=self.tz)


def _registers(setup: AgencySetup) -> dict[str, Register]:
    agency = setup.agency
    outgoing = Register.Direction.OUTGOING
    shared = Register.objects.create(agency=agency, name="Sổ văn bản đi", direction=outgoing, is_default=True)
    decisions = Register.objects.create(agency=agency, name="Sổ quyết định cá biệt", direction=outgoing)
    normative = Register.objects.create(
        agency=agency, name="Sổ văn bản quy phạm pháp luật", direction=outgoing
    )
    secret = Register.objects.create(
        agency=agency, name="Sổ văn bản đi mật", direction=outgoing, is_secret=True
    )
    qd = DocumentType.objects.get(abbreviation="QĐ")
    NumberingRule.objects.create(agency=agency, doc_type=qd, scope=NumberingScope.NORMAL, register=decisions)
    NumberingRule.objects.create(
        agency=agency, doc_type=qd, scope=NumberingScope.NORMATIVE, register=normative
    )
    return {"shared": shared, "decisions": decisions, "normative": normative, "secret": secret}


def _answerable(setup: AgencySetup) -> list[IncomingDocument]:
    """Incoming documents a unit handled (in progress or done), oldest first: candidates for a reply."""
    return list(
        IncomingDocument.objects.filter(
            agency=setup.agency, state__in=[DocState.IN_PROGRESS, DocState.COMPLETED], confidentiality=0
        )
        .exclude(sender__isnull=True)
        .select_related("sender")
        .order_by("received_at")
    )


def build_outgoing(
    setup: AgencySetup, stc: AgencySetup, started: datetime, rng: random.Random, count: int = 150
) -> OutgoingDemo:
    """The province's outgoing documents: ``count`` issued over the year, and drafts at every step."""
    b = _Builder(setup, stc, rng, started)
    _registers(setup)
    services.ensure_default_chain(setup.agency)
    clerk = b.users["vanthu1"]
    last_day = b.calendar.previous_working_day(timezone.localdate(started))
    first_day = b.calendar.add_working_days(date(last_day.year, 1, 2), 0)

    # the plan: (issue day, type, unit, incoming answered or None), in issue order
    answerable = _answerable(setup)
    rng.shuffle(answerable)
    replies = {d.pk: d for d in answerable[: count // 4]}
    plans: list[tuple[date, str, str, IncomingDocument | None]] = []
    for doc in replies.values():
        day = b.calendar.add_working_days(timezone.localdate(doc.received_at), rng.randint(3, 12))
        unit = next((u for u, obj in setup.units.items() if obj.pk == _lead_unit_id(doc)), None)
        if day <= last_day and unit in TOPICS:
            plans.append((day, "CV", unit, doc))
    kinds = [k for k, w in MIX for _ in range(w)]
    span = (last_day - first_day).days
    while len(plans) < count:
        day = first_day + timedelta(days=rng.randint(0, span))
        if b.calendar.is_working_day(day):
            plans.append((day, rng.choice(kinds), rng.choice(list(TOPICS)), None))
    plans.sort(key=lambda p: (p[0], p[1]))

    to_stc = letters = 0
    for i, (day, abbreviation, unit, answered) in enumerate(plans):
        extra: dict = {}
        drafter = None
        if answered is not None:
            drafter = _drafter_who_sees(b, unit, answered)
            if drafter is not None:
                extra["replies_to"] = [answered]
                extra["close_replied"] = rng.random() < 0.6
                extra["abstract"] = f"V/v trả lời Công văn số {answered.code} của {answered.sender_name}"
                extra["recipients"] = [RecipientSpec(external=answered.sender, placement=Placement.ADDRESSEE)]
        plain_letter = answered is None and abbreviation == "CV" and not i % 23 == 7
        letters += plain_letter
        if plain_letter and b.stc_entry and letters % 6 == 2:
            extra["recipients"] = [RecipientSpec(external=b.stc_entry, placement=Placement.ADDRESSEE)]
            to_stc += 1
        if abbreviation == "QĐ" and i % 5 == 1:
            extra["is_normative"] = True
        if abbreviation == "CV" and i % 23 == 7:
            extra["confidentiality"] = Confidentiality.SECRET
            extra["recipients"] = [RecipientSpec(name="Bộ Công an", placement=Placement.ADDRESSEE)]
        if i % 9 == 4:
            extra["urgency"] = Urgency.URGENT
        doc = b.draft(abbreviation, unit, drafter=drafter, **extra)
        doc = services.issue(b.walk(doc), clerk, issued_on=day)
        created = b.moment(b.calendar.add_working_days(day, -rng.randint(1, 4)))
        b.stamp(doc, created, max(b.moment(day), created + timedelta(hours=1)))
        if extra.get("replies_to"):
            b.result.replies += 1
    b.result.to_stc = to_stc
    _settle_arrivals(stc)
    _left_in_progress(b, clerk, last_day)
    apply_stamps(b.stamps, started)
    b.result.issued = {
        r.name: OutgoingDocument.objects.filter(register=r, number__isnull=False).count()
        for r in Register.objects.filter(agency=setup.agency, direction=Register.Direction.OUTGOING)
    }
    return b.result


def _lead_unit_id(doc: IncomingDocument) -> int | None:
    part = doc.assignments.filter(role="lead", parent__isnull=True).exclude(unit__isnull=True).first()
    return part.unit_id if part else None


def _drafter_who_sees(b: _Builder, unit: str, doc: IncomingDocument) -> User | None:
    staff = [u for u in b.users.values() if u.unit_id == b.setup.units[unit].pk]
    b.rng.shuffle(staff)
    staff.sort(key=lambda u: u.role != "specialist")
    return next((u for u in staff if visible_incoming(u, pk=doc.pk).exists()), None)


def _settle_arrivals(stc: AgencySetup) -> None:
    """Sở Tài chính's clerk accepted every arrival but the last one, which waits."""
    clerk = next(u for u in stc.users.values() if u.role == "clerk")
    arrivals = list(
        Arrival.objects.filter(agency=stc.agency, state=ArrivalState.AWAITING).order_by("arrived_at")
    )
    for arrival in arrivals[:-1]:
        incoming.accept(arrival, clerk, register=stc.register)


def _left_in_progress(b: _Builder, clerk: User, last_day: date) -> None:
    """Drafts at every step, a recall, a correction and a paper document with its reserved number."""
    today = b.moment(last_day)
    waiting = b.result.waiting
    for until, label, unit in (
        ("head", "chờ trưởng phòng", "KT"),
        ("head", "chờ trưởng phòng", "TH"),
        ("chief", "chờ Chánh Văn phòng kiểm tra thể thức", "VX"),
        ("chief", "chờ Chánh Văn phòng kiểm tra thể thức", "KT"),
        ("signer", "chờ lãnh đạo ký", "KTN"),
        ("signer", "chờ lãnh đạo ký", "NC"),
        ("signed", "chờ văn thư phát hành", "TH"),
        ("signed", "chờ văn thư phát hành", "KT"),
    ):
        doc = b.walk(b.draft("CV", unit), until)
        b.stamp(doc, today)
        waiting[label] = waiting.get(label, 0) + 1
    returned = b.walk(b.draft("TB", "VX"), "chief")
    services.return_draft(
        returned, returned.holder, "Trích yếu chưa đúng thể thức; bổ sung nơi nhận: Sở Giáo dục và Đào tạo."
    )
    b.stamp(returned, today)
    waiting["bị trả lại"] = 1
    b.stamp(b.draft("KH", "KTN"), today)
    waiting["dự thảo chưa trình"] = 1
    # recall and correction of documents issued earlier
    issued = OutgoingDocument.objects.filter(agency=b.setup.agency, state="issued").order_by("-issued_on")
    recalled = issued.filter(doc_type=b.types["TB"]).first()
    if recalled is not None:
        services.recall(recalled, clerk, "Ban hành nhầm nội dung kết luận, sẽ ban hành thay thế.")
        OutgoingDocument.objects.filter(pk=recalled.pk).update(recalled_at=today)
    corrected = issued.filter(doc_type=b.types["KH"]).first()
    if corrected is not None:
        upload = SimpleUploadedFile(
            "dinh-chinh.pdf", draft_pdf("ĐÍNH CHÍNH", "Văn bản đính chính"), "application/pdf"
        )
        fix = services.amend(
            corrected,
            corrected.drafter,
            AmendKind.CORRECTION,
            file=store_draft_file(upload, corrected.drafter),
        )
        fix = services.issue(b.walk(fix), clerk, issued_on=last_day)
        b.stamp(fix, today, today)
    # a paper document signed by hand: its number reserved, the scan attached
    paper = b.draft("CV", "HCTC")
    paper = services.reserve_number(paper, clerk, signed_by=b.users["pct.tran"], issued_on=last_day)
    scan = SimpleUploadedFile("ban-quet.pdf", draft_pdf(), "application/pdf")
    services.attach_scan(paper, clerk, store_draft_file(scan, clerk, pdf_only=True))
    b.stamp(paper, today, today)


def outgoing_counts(agency) -> dict[str, int]:
    """Numbered outgoing documents per register, and the drafts still in progress."""
    from vanthu.outgoing.states import NUMBERED_STATES

    counts = {
        r.name: OutgoingDocument.objects.filter(register=r, state__in=NUMBERED_STATES).count()
        for r in Register.objects.filter(agency=agency, direction=Register.Direction.OUTGOING).order_by("pk")
    }
    counts["drafts"] = OutgoingDocument.objects.filter(agency=agency, number__isnull=True).count()
    return counts

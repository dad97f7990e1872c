"""Downloads of an outgoing document: its file versions, and its frame in Decree 30 layout (thể thức) as DOCX
and PDF, built from the document's data by ``layout``."""

from __future__ import annotations

import io
import logging

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from vanthu.documents.exports import FontNotFound

from .files import DOCX
from .layout.docx import render_docx
from .layout.frame import LayoutError, LayoutFrame
from .layout.pdf import render_pdf
from .models import OutgoingDocument, Placement
from .numbering import NumberingError, notation_for
from .visibility import visible_outgoing

log = logging.getLogger(__name__)


def version_download(request: HttpRequest, pk: int, version_id: int) -> FileResponse:
    """One file version of a document the user may see (404 otherwise)."""
    doc = get_object_or_404(visible_outgoing(request.user, pk=pk))
    version = doc.versions.select_related("file").filter(pk=version_id).first()
    if version is None or not version.file.file:
        raise Http404
    stored = version.file
    return FileResponse(
        stored.file.open("rb"),
        content_type=stored.content_type,
        filename=stored.original_name,
        as_attachment=request.GET.get("download") == "1",
    )


def _number_text(doc: OutgoingDocument) -> str:
    """Số, ký hiệu once numbered; before, the notation with a blank number (“Số:      /UBND-TH”)."""
    if doc.code:
        return doc.code
    try:
        return "/" + notation_for(doc, (doc.issued_on or doc.created_at).year)
    except (NumberingError, ValueError):
        return ""


def frame_for(doc: OutgoingDocument) -> LayoutFrame:
    """The Decree 30 frame of ``doc``: agency, number, place and date, type and abstract, Kính gửi, signature
    block with its authority, Nơi nhận ending with the storage line, urgency and secrecy marks."""
    recipients = list(doc.recipients.all())
    addressees = [r.name for r in recipients if r.placement == Placement.ADDRESSEE]
    listed = [r.name for r in recipients if r.placement == Placement.LISTED]
    authority = f"{doc.signing_authority}." if doc.signing_authority else ""
    signer = doc.signed_by or doc.proposed_signer
    return LayoutFrame(
        agency=doc.agency.name,
        parent_agency=doc.agency.parent_name,
        number=_number_text(doc),
        place=doc.agency.place_name,
        document_date=doc.issued_on,
        type_name="" if doc.doc_type.code == "cong-van" else doc.doc_type.name,
        abstract=doc.abstract,
        recipients=addressees,
        authority=authority,
        collective=doc.authority_of if authority == "TM." else "",
        superior_title=doc.authority_of if authority not in ("", "TM.") else "",
        signer_title=doc.signer_title or (signer.position if signer else ""),
        signer_name=signer.display_name if signer else "",
        distribution=(["Như trên"] if addressees else []) + listed,
        storage=[doc.drafting_unit.abbreviation] if doc.drafting_unit.abbreviation else [],
        urgency=doc.get_urgency_display() if doc.urgency else "",
        secrecy=doc.get_confidentiality_display() if doc.confidentiality else "",
    )


def _docx_body(doc: OutgoingDocument) -> bytes | None:
    """The latest DOCX draft's bytes (the body between the frame's parts), None when the draft is a PDF."""
    version = doc.versions.filter(file__content_type=DOCX).select_related("file").order_by("-number").first()
    if version is None or not version.file.file:
        return None
    with version.file.file.open("rb") as handle:
        return handle.read()


def _body_text(body: bytes | None) -> str | None:
    if body is None:
        return None
    from docx import Document

    try:
        return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs if p.text.strip()) or None
    except Exception:  # a DOCX python-docx cannot read: the frame is still useful without the body
        log.warning("unreadable DOCX body", exc_info=True)
        return None


def _render_docx(frame: LayoutFrame, body: bytes | None) -> bytes:
    """The frame around the DOCX draft's body; a body python-docx cannot read leaves the frame alone."""
    if body is not None:
        try:
            return render_docx(frame, body)
        except LayoutError:
            raise
        except Exception:
            log.warning("unreadable DOCX body, frame rendered without it", exc_info=True)
    return render_docx(frame, None)


def layout_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Thể thức văn bản: the document's frame as DOCX or PDF (with the DOCX draft's text as the body)."""
    doc = get_object_or_404(
        visible_outgoing(request.user, pk=pk).select_related(
            "agency", "doc_type", "drafting_unit", "signed_by", "proposed_signer"
        )
    )
    if fmt not in ("docx", "pdf"):
        raise Http404
    try:
        frame = frame_for(doc)
        body = _docx_body(doc)
        data = _render_docx(frame, body) if fmt == "docx" else render_pdf(frame, _body_text(body))
    except (LayoutError, FontNotFound) as exc:
        messages.error(request, _("Chưa tạo được tệp thể thức: %(e)s") % {"e": exc})
        return redirect(doc)
    name = (doc.code or f"du-thao-{doc.pk}").replace("/", "-")
    content_type = DOCX if fmt == "docx" else "application/pdf"
    return FileResponse(
        io.BytesIO(data), content_type=content_type, filename=f"{name}.{fmt}", as_attachment=True
    )

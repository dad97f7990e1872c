"""The text layer of a stored file: the words inside an attached PDF, DOCX or plain-text file.

Search indexes the words inside attached files, not only the metadata typed in by the clerk (trích yếu,
số ký hiệu…), so that a document can be found by a phrase of its body. This module reads those words when the
file carries them: a PDF produced from a word processor or signed digitally has a text layer, a DOCX draft is
text, a .txt/.xml/.csv is text. A scanned PDF or an image has no text layer: it is recorded as "none" and left
alone here; recognising the words in scans (OCR) is the concern of intake, not of this module.

``extract`` is pure (bytes in, text out) and never raises: a damaged or encrypted file gives state "error".
``text_of`` reads a ``StoredFile`` once and keeps the result on the row (``text``, ``text_state``), so
reindexing does not parse every attachment again. A row in state "error" is not read again either; set its
``text_state`` back to "" to retry.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Iterable, Iterator

import docx
from docx.oxml.ns import qn
from pypdf import PasswordType, PdfReader

from .models import StoredFile

logger = logging.getLogger(__name__)

#: At most this many characters of a file's text are kept (enough for search, bounded for the index).
MAX_CHARS = 100_000

#: ``StoredFile.text_state`` values.
NOT_READ = ""
OK = "ok"
NONE = "none"
ERROR = "error"

PDF = "pdf"
DOCX = "docx"
TEXT = "text"

_TYPES = {
    "application/pdf": PDF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
    "application/xml": TEXT,
    "application/csv": TEXT,
}
_EXTENSIONS = {".pdf": PDF, ".docx": DOCX, ".txt": TEXT, ".xml": TEXT, ".csv": TEXT}

#: Control characters become spaces (PostgreSQL refuses NUL in text); tab, newline… are whitespace already.
_CONTROLS = {c: " " for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"} | {0x7F: " "}


def _kind(data: bytes, name: str, content_type: str) -> str | None:
    """PDF, DOCX or TEXT from the content type, else from the name's extension; None for anything else."""
    content_type = (content_type or "").split(";", 1)[0].strip().lower()
    if content_type in _TYPES:
        return _TYPES[content_type]
    if content_type.startswith("text/"):
        return TEXT
    if content_type.startswith("image/"):
        return None
    name = (name or "").lower()
    ext = name[name.rfind(".") :] if "." in name else ""
    return _EXTENSIONS.get(ext)


def _clean(chunks: Iterable[str]) -> str:
    """NFC, whitespace runs collapsed within lines, empty lines dropped, at most MAX_CHARS characters.

    ``chunks`` is consumed only until MAX_CHARS is reached, so a long PDF is not read to its end."""
    lines: list[str] = []
    total = 0
    for chunk in chunks:
        chunk = unicodedata.normalize("NFC", chunk.translate(_CONTROLS))
        for line in chunk.splitlines():
            line = " ".join(line.split())
            if line:
                lines.append(line)
                total += len(line) + 1
        if total > MAX_CHARS:
            break
    return "\n".join(lines)[:MAX_CHARS].rstrip()


def _pdf_pages(data: bytes) -> Iterator[str] | None:
    """The text of each page, lazily; None if the PDF is encrypted and an empty password does not open it."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        return None
    return (page.extract_text() or "" for page in reader.pages)


def _docx_blocks(data: bytes) -> Iterator[str]:
    """Paragraph texts of the body in document order, table cells included (nested tables too)."""
    paragraph, table, row, cell = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
    containers = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:smartTag")}

    def walk(element) -> Iterator[str]:
        for child in element.iterchildren():
            if child.tag == paragraph:
                yield child.text
            elif child.tag in (table, row, cell) or child.tag in containers:
                yield from walk(child)

    yield from walk(docx.Document(io.BytesIO(data)).element.body)


def extract(data: bytes, name: str, content_type: str) -> tuple[str, str]:
    """The text of a file and its state: (text, "ok"), ("", "none") when it has no text layer or is of a
    kind not read here (image, .doc…), ("", "error") when it cannot be read (damaged, encrypted). Never raises."""
    kind = _kind(data, name, content_type)
    if kind is None:
        return "", NONE
    try:
        if kind == PDF:
            pages = _pdf_pages(data)
            if pages is None:
                logger.warning("Text layer of %r: encrypted PDF, not readable without a password", name)
                return "", ERROR
            text = _clean(pages)
        elif kind == DOCX:
            text = _clean(_docx_blocks(data))
        else:
            text = _clean([data.decode("utf-8", errors="replace")])
    except Exception as exc:  # any parser failure: the file is damaged or not what it claims to be
        logger.warning("Text layer of %r (%s) not readable: %s: %s", name, kind, type(exc).__name__, exc)
        return "", ERROR
    return (text, OK) if text else ("", NONE)


def text_of(stored: StoredFile) -> str:
    """The text of a stored file, read from its storage and saved on the row on the first call only.

    A missing or unreadable file gives state "error" and an empty text."""
    if stored.text_state != NOT_READ:
        return stored.text
    same = (
        StoredFile.objects.filter(sha256=stored.sha256, text_state__in=[OK, NONE])
        .exclude(pk=stored.pk)
        .values_list("text", "text_state")
        .first()
    )
    if same is not None:  # the same bytes uploaded again (each upload is a row): read once
        stored.text, stored.text_state = same
        stored.save(update_fields=["text", "text_state"])
        return stored.text
    try:
        fh = stored.file.open("rb")
        try:
            data = fh.read()
        finally:
            stored.file.close()
    except Exception as exc:  # missing on disk, no file attached, storage failure
        logger.warning(
            "Text layer of stored file %s: file not readable: %s: %s", stored.pk, type(exc).__name__, exc
        )
        text, state = "", ERROR
    else:
        text, state = extract(data, stored.original_name, stored.content_type)
    stored.text, stored.text_state = text, state
    stored.save(update_fields=["text", "text_state"])
    return text

"""Generic register exports (sổ đăng ký, sổ theo dõi…): XLSX, DOCX and PDF with the cover page of Decree 30
Appendix IV. Callers give a ``Cover``, the ``Column`` list and the rows (sequences of cell values); each writer
returns the file as bytes, built in memory.
"""

from .base import CellValue, Column, Cover, ExportError, FontNotFound, format_cell, numbered_headers
from .docx_writer import to_docx
from .pdf_writer import register_fonts, to_pdf
from .xlsx_writer import to_xlsx

#: format → (writer, content type, file extension)
FORMATS = {
    "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": (to_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": (to_pdf, "application/pdf", "pdf"),
}

__all__ = [
    "FORMATS",
    "CellValue",
    "Column",
    "Cover",
    "ExportError",
    "FontNotFound",
    "format_cell",
    "numbered_headers",
    "register_fonts",
    "to_docx",
    "to_pdf",
    "to_xlsx",
]

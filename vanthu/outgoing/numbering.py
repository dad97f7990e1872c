"""Number and notation of an outgoing document (số, ký hiệu văn bản đi), Decree 30/2020/NĐ-CP Điều 15 and
Appendix I, II.3; which register numbers it (NumberingRule).

- Ký hiệu of a typed document: type abbreviation + issuing agency abbreviation (``QĐ-UBND``, ``TB-UBND``).
- Ký hiệu of a công văn (no type abbreviation; thư công likewise): agency + drafting unit (``UBND-TH``).
- Normative documents (văn bản quy phạm pháp luật) carry the year: ``05/2026/QĐ-UBND``.
- Numbers below 10 have a leading zero; the sequence starts at 01 on 1 January (one counter per register and
  year, taken with ``registers.take_number`` in the issuing transaction: gap-free, never repeated).
- Secret documents are numbered in a secret register; normative documents in a register of their type.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from vanthu.common.notation import validate_notation
from vanthu.registers.models import Register
from vanthu.registers.services import default_register

from .models import NumberingRule, NumberingScope, OutgoingDocument

#: Administrative types that may also be normative (a provincial People's Committee's QĐ, a council's NQ);
#: the legal types (DocumentType.is_legal: Nghị định, Thông tư…) are always normative.
NORMATIVE_TYPE_CODES = frozenset({"nghi-quyet", "quyet-dinh"})


class NumberingError(ValueError):
    """The document cannot be numbered (no register, a wrong mapping); the message is for the user."""


def can_be_normative(doc_type) -> bool:
    return bool(doc_type.is_legal or doc_type.code in NORMATIVE_TYPE_CODES)


def is_normative(doc: OutgoingDocument) -> bool:
    return bool(doc.is_normative or doc.doc_type.is_legal)


def scope_of(doc: OutgoingDocument) -> str:
    """Secret first (Điều 15.2: secret documents have their own sequence), then normative, else normal."""
    if doc.is_secret:
        return NumberingScope.SECRET
    if is_normative(doc):
        return NumberingScope.NORMATIVE
    return NumberingScope.NORMAL


def register_for(doc: OutgoingDocument) -> Register:
    """The outgoing register that numbers ``doc``: the rule for its type and scope, else the rule without a type
    for its scope (not for normative documents: one sequence per type), else the default outgoing register."""
    scope = scope_of(doc)
    rules = NumberingRule.objects.filter(agency_id=doc.agency_id, scope=scope).select_related("register")
    rule = rules.filter(doc_type_id=doc.doc_type_id).first()
    if rule is None and scope != NumberingScope.NORMATIVE:
        rule = rules.filter(doc_type__isnull=True).first()
    if rule is not None:
        register = rule.register
    elif scope == NumberingScope.NORMATIVE:
        raise NumberingError(
            _("Chưa có sổ cấp số riêng cho văn bản quy phạm pháp luật loại “%(type)s”.")
            % {"type": doc.doc_type.name}
        )
    else:
        register = default_register(doc.agency_id, Register.Direction.OUTGOING, secret=doc.is_secret)
        if register is None:
            raise NumberingError(
                _("Cơ quan chưa có sổ văn bản đi mật.")
                if doc.is_secret
                else _("Cơ quan chưa có sổ văn bản đi.")
            )
    if (
        register.agency_id != doc.agency_id
        or register.direction != Register.Direction.OUTGOING
        or not register.is_active
        or register.is_secret != doc.is_secret
    ):
        raise NumberingError(
            _("Sổ “%(register)s” không dùng được cho văn bản này (kiểm tra quy tắc cấp số).")
            % {"register": register.name}
        )
    return register


def build_notation(
    *,
    type_abbreviation: str,
    agency_abbreviation: str,
    unit_abbreviation: str = "",
    year: int | None = None,
) -> str:
    """Ký hiệu: ``QĐ-UBND``; without a type abbreviation (công văn) ``UBND-TH``; with ``year`` (normative
    documents) ``2026/QĐ-UBND``. Checked and normalised by ``common.notation`` (mixed case kept: CTr, TTr, QyĐ)."""
    if type_abbreviation:
        groups = [type_abbreviation, agency_abbreviation]
    else:
        if not unit_abbreviation:
            raise NumberingError(_("Ký hiệu công văn cần tên viết tắt của đơn vị soạn thảo."))
        groups = [agency_abbreviation, unit_abbreviation]
    if not agency_abbreviation:
        raise NumberingError(_("Cơ quan chưa có tên viết tắt để ghi ký hiệu văn bản."))
    notation = "-".join(g.strip() for g in groups)
    if year is not None:
        notation = f"{year}/{notation}"
    return validate_notation(notation)


def notation_for(doc: OutgoingDocument, year: int) -> str:
    """The ký hiệu of ``doc`` numbered in ``year``."""
    return build_notation(
        type_abbreviation=doc.doc_type.abbreviation,
        agency_abbreviation=doc.agency.abbreviation,
        unit_abbreviation=doc.drafting_unit.abbreviation,
        year=year if is_normative(doc) else None,
    )


def format_number(number: int) -> str:
    """Số: ``05``, ``123`` (numbers below 10 with a leading zero)."""
    return f"{number:02d}"


def format_code(number: int, notation: str) -> str:
    """Số, ký hiệu: ``05/2026/QĐ-UBND``, ``123/QĐ-UBND`` (``OutgoingDocument.code``)."""
    return f"{format_number(number)}/{notation}"

"""Read the free text of a programme row: the lead (đơn vị or cơ quan chủ trì), the leader in charge, the kind of
item and the time of submission ("3", "Tháng 3", "T3", "Quý II", "Q2"). Every comparison is folded (bỏ dấu)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from vanthu.common.text import fold
from vanthu.organization.models import LEADER_ROLES, Agency, ExternalAgency, Unit, User

from ..models import ProgrammeItem

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_MONTH = re.compile(r"^(?:thang|t)?\s*0?(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?$")
_QUARTER = re.compile(r"^(?:quy|q)\s*(iv|iii|ii|i|[1-4])(?:\s*(?:[/.-]|nam)?\s*(\d{4}))?$")

#: folded words of the "Loại" column → kind (first match wins; checked in this order)
KIND_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("qppl", "quy pham"), ProgrammeItem.Kind.LEGAL),
    (("bao cao",), ProgrammeItem.Kind.REPORT),
    (("de an", "du an"), ProgrammeItem.Kind.SCHEME),
    (("trinh",), ProgrammeItem.Kind.SUBMISSION),
)


class RowProblem(ValueError):
    """What is wrong with one cell, in Vietnamese (the caller adds the line number)."""


@dataclass(frozen=True)
class Timing:
    """When an item is to be submitted: a month, or only a quarter (then the quarter's last month)."""

    month: int
    quarter: int | None = None


def parse_timing(value: object, year: int | None = None) -> Timing:
    """``3``, ``"3"``, ``"Tháng 3"``, ``"T3"``, ``"03/2026"`` → month 3; ``"Quý II"``, ``"Q2"`` → quarter 2 (month 6)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RowProblem(_("Chưa ghi thời gian trình (tháng hoặc quý)."))
    if isinstance(value, datetime | date):
        if year and value.year != year:
            raise RowProblem(_("Thời gian trình không thuộc năm %(year)d.") % {"year": year})
        return Timing(value.month)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = fold(str(value)).replace("thang", "thang ").strip()
    text = " ".join(text.split())
    given_year = None
    if match := _QUARTER.match(text):
        raw, given_year = match.group(1), match.group(2)
        quarter = ROMAN.get(raw) or int(raw)
        timing = Timing(quarter * 3, quarter)
    elif match := _MONTH.match(text):
        month, given_year = int(match.group(1)), match.group(2)
        if not 1 <= month <= 12:
            raise RowProblem(_("Tháng trình “%(value)s” không hợp lệ (từ 1 đến 12).") % {"value": value})
        timing = Timing(month)
    else:
        raise RowProblem(
            _("Không hiểu thời gian trình “%(value)s”: ghi tháng (3, Tháng 3, T3) hoặc quý (Quý II, Q2).")
            % {"value": value}
        )
    if year and given_year and int(given_year) != year:
        raise RowProblem(_("Thời gian trình không thuộc năm %(year)d.") % {"year": year})
    return timing


def parse_kind(value: object) -> str:
    """The kind of item from the "Loại" column; empty means "Nội dung trình"."""
    text = fold(str(value or ""))
    if not text:
        return ProgrammeItem.Kind.SUBMISSION
    for words, kind in KIND_WORDS:
        if any(word in text for word in words):
            return kind
    raise RowProblem(
        _("Không hiểu loại “%(value)s”: ghi Đề án, Nội dung trình, Báo cáo hoặc Văn bản QPPL.")
        % {"value": value}
    )


@dataclass
class Lead:
    unit: Unit | None = None
    external: ExternalAgency | None = None

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else (self.external.name if self.external else "")


@dataclass
class Directory:
    """The agency's units, the directory of outside agencies and the agency's leaders, loaded once per import
    and matched by folded abbreviation or name."""

    agency: Agency
    units: list[Unit] = field(default_factory=list)
    externals: list[ExternalAgency] = field(default_factory=list)
    leaders: list[User] = field(default_factory=list)
    _leads: dict[str, Lead] = field(default_factory=dict)

    @classmethod
    def load(cls, agency: Agency) -> Directory:
        return cls(
            agency=agency,
            units=list(Unit.objects.filter(agency=agency, is_active=True)),
            externals=list(
                ExternalAgency.objects.filter(is_active=True).only(
                    "pk", "name", "abbreviation", "internal_agency"
                )
            ),
            leaders=list(User.objects.filter(agency=agency, role__in=LEADER_ROLES, is_active=True)),
        )

    def lead(self, value: object) -> Lead:
        """The unit or directory agency named by ``value`` (abbreviation, full name, or the unique name that
        begins with it: "Sở Tài chính" for "Sở Tài chính tỉnh Hà Tĩnh")."""
        text = fold(str(value or ""))
        if not text:
            raise RowProblem(_("Chưa ghi cơ quan chủ trì."))
        if text not in self._leads:
            self._leads[text] = self._find_lead(text, str(value).strip())
        return self._leads[text]

    def _find_lead(self, text: str, shown: str) -> Lead:
        units = [u for u in self.units if text in (fold(u.abbreviation), fold(u.name))]
        if len(units) == 1:
            return Lead(unit=units[0])
        externals = [e for e in self.externals if text in (fold(e.abbreviation), fold(e.name))]
        if not units and not externals:
            units = [u for u in self.units if fold(u.name).startswith(text + " ")]
            externals = [e for e in self.externals if fold(e.name).startswith(text + " ")]
        found = [Lead(unit=u) for u in units] + [Lead(external=e) for e in externals]
        if len(found) == 1:
            return found[0]
        if not found:
            raise RowProblem(
                _(
                    "Không tìm thấy cơ quan chủ trì “%(value)s” trong danh sách đơn vị và danh bạ cơ quan "
                    "(ghi đúng tên viết tắt hoặc tên đầy đủ)."
                )
                % {"value": shown}
            )
        raise RowProblem(
            _("Tên “%(value)s” trùng với nhiều cơ quan, đơn vị (%(names)s): hãy ghi tên đầy đủ.")
            % {"value": shown, "names": "; ".join(lead.name for lead in found[:4])}
        )

    def leader(self, value: object) -> User | None:
        """The leader named by ``value`` (the full name, possibly with a title before it: "PCT Nguyễn Văn A");
        None for an empty cell."""
        text = fold(str(value or ""))
        if not text:
            return None
        exact = [p for p in self.leaders if text in (fold(p.display_name), fold(p.username))]
        if not exact:
            exact = [p for p in self.leaders if p.display_name and text.endswith(" " + fold(p.display_name))]
        if len(exact) == 1:
            return exact[0]
        if not exact:
            raise RowProblem(
                _("Không tìm thấy lãnh đạo “%(value)s” trong danh sách lãnh đạo của cơ quan.")
                % {"value": value}
            )
        raise RowProblem(_("Có nhiều lãnh đạo tên “%(value)s”: hãy ghi đủ họ tên.") % {"value": value})

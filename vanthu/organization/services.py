"""Services of the organisation context: the working-day calendar of an agency and the directory import."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from vanthu.common.workdays import WorkingCalendar

from .models import Agency, CalendarDay, ExternalAgency, agency_code_validator

_CALENDAR_CACHE_KEY = "vanthu:calendar:{agency_id}:{version}"


def _calendar_version(agency_id: int | None) -> int:
    return cache.get(f"vanthu:calendar-version:{agency_id}", 0)


def invalidate_calendar(agency_id: int | None) -> None:
    """Forget the cached calendar of an agency (called when its days off change)."""
    try:
        cache.incr(f"vanthu:calendar-version:{agency_id}")
    except ValueError:
        cache.set(f"vanthu:calendar-version:{agency_id}", 1, None)


def calendar_for(agency: Agency | int | None) -> WorkingCalendar:
    """The working-day calendar (lịch ngày làm việc) of an agency: national holidays plus its own overrides."""
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    key = _CALENDAR_CACHE_KEY.format(agency_id=agency_id, version=_calendar_version(agency_id))
    calendar = cache.get(key)
    if calendar is None:
        days = (
            CalendarDay.objects.filter(agency_id=agency_id).values_list("date", "kind") if agency_id else []
        )
        calendar = WorkingCalendar(
            extra_off=[d for d, kind in days if kind == CalendarDay.Kind.OFF],
            extra_work=[d for d, kind in days if kind == CalendarDay.Kind.WORK],
        )
        cache.set(key, calendar, 60)  # other processes see a change within a minute
    return calendar


def add_working_days(agency: Agency | int | None, start: date, days: int) -> date:
    """The deadline ``days`` working days after ``start`` for the given agency."""
    return calendar_for(agency).add_working_days(start, days)


@dataclass
class DirectoryImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


DIRECTORY_COLUMNS = ("ten", "viet_tat", "ma_dinh_danh", "email", "dia_chi", "ma_cap_tren")


def import_directory_csv(data: bytes | str) -> DirectoryImportResult:
    """Import outside agencies (danh bạ cơ quan) from CSV.

    Columns (header row required, UTF-8, comma or semicolon): ``ten`` (name), ``viet_tat``, ``ma_dinh_danh``,
    ``email``, ``dia_chi``, ``ma_cap_tren`` (identifier of the parent agency). Rows with an identifier update the
    existing entry with that identifier; rows without one are matched by name.
    """
    result = DirectoryImportResult()
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    except UnicodeDecodeError:
        result.errors.append(
            "Tệp không phải mã UTF-8. Trong Excel hãy lưu bằng “CSV UTF-8 (Comma delimited)” rồi nhập lại."
        )
        return result
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in ("ten",) if c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append("Tệp CSV thiếu cột bắt buộc: " + ", ".join(missing))
        return result
    parents: list[tuple[ExternalAgency, str]] = []
    with transaction.atomic():
        for row in reader:
            line_no = reader.line_num
            name = (row.get("ten") or "").strip()
            code = (row.get("ma_dinh_danh") or "").strip()
            if not name:
                result.errors.append(f"Dòng {line_no}: thiếu tên cơ quan.")
                continue
            if code and not _valid_code(code):
                result.errors.append(f"Dòng {line_no}: mã định danh “{code}” không đúng dạng 000.00.00.H42.")
                continue
            lookup = {"code": code} if code else {"name": name, "code": ""}
            values = {
                "name": name,
                "abbreviation": (row.get("viet_tat") or "").strip(),
                "email": (row.get("email") or "").strip(),
                "address": (row.get("dia_chi") or "").strip(),
            }
            problem = _row_problem(values)
            if problem:
                result.errors.append(f"Dòng {line_no}: {problem}")
                continue
            obj, created = ExternalAgency.objects.update_or_create(defaults=values, **lookup)
            result.created += int(created)
            result.updated += int(not created)
            parent_code = (row.get("ma_cap_tren") or "").strip()
            if parent_code:
                parents.append((obj, parent_code))
        for obj, parent_code in parents:
            parent = ExternalAgency.objects.filter(code=parent_code).first()
            if parent and parent != obj:
                obj.parent = parent
                obj.save(update_fields=["parent"])
    return result


def _row_problem(values: dict[str, str]) -> str:
    """A Vietnamese description of what is wrong with one directory row, or "" when it is fine."""
    labels = {"name": "tên", "abbreviation": "viết tắt", "email": "thư điện tử", "address": "địa chỉ"}
    for field_name, value in values.items():
        limit = ExternalAgency._meta.get_field(field_name).max_length
        if limit and len(value) > limit:
            return f"{labels[field_name]} dài {len(value)} ký tự, tối đa {limit}."
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            return f"thư điện tử “{values['email']}” không hợp lệ."
    return ""


def _valid_code(code: str) -> bool:
    try:
        agency_code_validator(code)
    except ValidationError:
        return False
    return True

"""Creating the demo organisation: agencies, units, people, registers, calendar days and the directory."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.hashers import make_password

from vanthu.common.workdays import WorkingCalendar
from vanthu.organization.models import Agency, CalendarDay, ExternalAgency, Role, Unit, User
from vanthu.organization.services import DirectoryImportResult, import_directory_csv
from vanthu.registers.models import Register

from .people import (
    AGENCY_LEADER_FIELDS,
    COMMUNE,
    COMMUNE_PEOPLE,
    COMMUNE_UNITS,
    DEMO_PASSWORD,
    OFFICE_LEADER_FIELDS,
    OUTSIDE,
    OUTSIDE_PEOPLE,
    OUTSIDE_UNITS,
    PROVINCE,
    PROVINCE_PEOPLE,
    PROVINCE_UNITS,
    Person,
)
from .plan import Office

DIRECTORY_CSV = Path(__file__).with_name("directory.csv")


@dataclass
class AgencySetup:
    agency: Agency
    units: dict[str, Unit]
    users: dict[str, User]
    register: Register
    secret_register: Register
    people: tuple[Person, ...]
    office: Office = field(init=False)


def _agency(
    data: dict, units: tuple[tuple[str, str], ...], people: tuple[Person, ...], password: str
) -> AgencySetup:
    agency = Agency.objects.create(**data)
    unit_by_abbr = {
        abbr: Unit.objects.create(agency=agency, name=name, abbreviation=abbr, order=i)
        for i, (abbr, name) in enumerate(units, start=1)
    }
    users = {}
    for p in people:
        users[p.username] = User.objects.create(
            username=p.username,
            password=password,
            first_name=p.first_name,
            last_name=p.last_name,
            email=p.email,
            agency=agency,
            unit=unit_by_abbr.get(p.unit) if p.unit else None,
            position=p.position,
            role=p.role,
            is_staff=p.role == Role.ADMIN,
            is_superuser=p.role == Role.ADMIN,
        )
    register = Register.objects.create(
        agency=agency, name="Sổ văn bản đến", direction=Register.Direction.INCOMING, is_default=True
    )
    secret = Register.objects.create(
        agency=agency, name="Sổ văn bản đến mật", direction=Register.Direction.INCOMING, is_secret=True
    )
    return AgencySetup(agency, unit_by_abbr, users, register, secret, people)


def _office(setup: AgencySetup, units: tuple[tuple[str, str], ...]) -> Office:
    people = setup.people
    office = Office(
        clerks=[p.username for p in people if p.role == Role.CLERK],
        titles={p.username: p.position for p in people},
        names={p.username: p.full_name for p in people},
        unit_names={abbr: name for abbr, name in units},
    )
    for abbr in setup.units:
        head = next((p.username for p in people if p.unit == abbr and p.role == Role.UNIT_HEAD), None)
        specialists = [p.username for p in people if p.unit == abbr and p.role == Role.SPECIALIST]
        if head and specialists:
            office.units[abbr] = (head, specialists)
    return office


def create_agencies() -> tuple[AgencySetup, AgencySetup, AgencySetup]:
    """The province, the commune and the outside agency with accounts (Sở Tài chính), with their units, people
    and registers.

    Every account gets the demo password. It is hashed once with ``make_password`` (what ``set_password``
    does) and the hash is shared: hashing it separately for each of the ~45 accounts would take ~12 s.
    """
    password = make_password(DEMO_PASSWORD)
    province = _agency(PROVINCE, PROVINCE_UNITS, PROVINCE_PEOPLE, password)
    province.office = _office(province, PROVINCE_UNITS)
    province.office.agency_leaders = dict(AGENCY_LEADER_FIELDS)
    province.office.office_leaders = dict(OFFICE_LEADER_FIELDS)
    commune = _agency(COMMUNE, COMMUNE_UNITS, COMMUNE_PEOPLE, password)
    commune.office = _office(commune, COMMUNE_UNITS)
    commune.office.chairman = "xa.chutich"
    outside = _agency(OUTSIDE, OUTSIDE_UNITS, OUTSIDE_PEOPLE, password)
    outside.office = _office(outside, OUTSIDE_UNITS)
    outside.office.chairman = "gd.stc"
    return province, commune, outside


def create_calendar(agency: Agency, calendar: WorkingCalendar, last_day: date) -> list[CalendarDay]:
    """An agency day off (a Friday about six weeks back) and the make-up Saturday eight days later.

    Dates and reasons are demo values.
    """
    off = last_day - timedelta(days=42)
    while off.weekday() != 4 or not calendar.is_working_day(off):
        off -= timedelta(days=1)
    work = off + timedelta(days=8)
    return [
        CalendarDay.objects.create(
            agency=agency,
            date=off,
            kind=CalendarDay.Kind.OFF,
            note="Nghỉ theo Thông báo của UBND tỉnh (dữ liệu mẫu)",
        ),
        CalendarDay.objects.create(
            agency=agency,
            date=work,
            kind=CalendarDay.Kind.WORK,
            note=f"Làm bù cho ngày {off:%d/%m/%Y} (dữ liệu mẫu)",
        ),
    ]


def load_directory(*internal: Agency) -> tuple[DirectoryImportResult, list[ExternalAgency]]:
    """The directory of outside agencies, imported from ``directory.csv`` like an administrator would.

    The entries whose identifier is that of an agency of this installation are linked to it.
    """
    data = DIRECTORY_CSV.read_bytes()
    result = import_directory_csv(data)
    for agency in internal:
        ExternalAgency.objects.filter(code=agency.code).update(internal_agency=agency)
    codes = [row["ma_dinh_danh"] for row in csv.DictReader(io.StringIO(data.decode("utf-8")))]
    return result, list(ExternalAgency.objects.filter(code__in=codes).order_by("code"))

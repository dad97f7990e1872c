"""Fixtures shared by every test: one agency with its units, one person per role, the registers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vanthu.organization.models import Role
from vanthu.testing.factories import AgencyFactory, RegisterFactory, UnitFactory, UserFactory

SHARED_DIR = Path(os.environ.get("VANTHU_SHARED_DIR", Path(__file__).resolve().parent.parent / "shared"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture(autouse=True)
def _search_index(settings, tmp_path):
    """Each test's search index in its own directory, never the data directory's."""
    settings.VANTHU_SEARCH_DIR = tmp_path / "search"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The production hasher costs ~0.3 s per user; tests create many."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached calendars must not leak between tests (ids are reused after a rollback)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_dir() -> Path:
    return SHARED_DIR


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Ủy ban nhân dân tỉnh Hà Tĩnh", code="000.00.00.H42")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(name="Ủy ban nhân dân xã Kỳ Anh", code="000.00.11.H42", abbreviation="UBND")


@pytest.fixture
def units(agency):
    return {
        abbr: UnitFactory(agency=agency, name=name, abbreviation=abbr)
        for abbr, name in [
            ("TH", "Phòng Tổng hợp"),
            ("KT", "Phòng Kinh tế"),
            ("VX", "Phòng Văn hóa - Xã hội"),
        ]
    }


@pytest.fixture
def people(agency, units):
    make = lambda username, role, unit=None, position="": UserFactory(  # noqa: E731
        username=username, agency=agency, unit=unit, role=role, position=position
    )
    return {
        "clerk": make("vanthu", Role.CLERK, units["TH"], "Văn thư"),
        "chairman": make("chutich", Role.AGENCY_LEADER, None, "Chủ tịch"),
        "chief": make("chanhvp", Role.OFFICE_LEADER, None, "Chánh Văn phòng"),
        "head_kt": make("tp_kt", Role.UNIT_HEAD, units["KT"], "Trưởng phòng"),
        "spec_kt": make("cv_kt", Role.SPECIALIST, units["KT"], "Chuyên viên"),
        "spec_kt2": make("cv_kt2", Role.SPECIALIST, units["KT"], "Chuyên viên"),
        "head_vx": make("tp_vx", Role.UNIT_HEAD, units["VX"], "Trưởng phòng"),
        "spec_vx": make("cv_vx", Role.SPECIALIST, units["VX"], "Chuyên viên"),
        "spec_th": make("cv_th", Role.SPECIALIST, units["TH"], "Chuyên viên"),
        "admin": make("quantri", Role.ADMIN, None, "Quản trị"),
    }


@pytest.fixture
def register(agency):
    return RegisterFactory(agency=agency, name="Sổ văn bản đến", is_secret=False)


@pytest.fixture
def secret_register(agency):
    return RegisterFactory(agency=agency, name="Sổ văn bản đến mật", is_secret=True, is_default=False)

"""Fixtures for the common helpers' tests; they run with or without pytest-django (``-p no:django``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

import vanthu

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    # Run without pytest-django: lazy labels need settings; no translation machinery (apps) is needed then.
    settings.configure(USE_I18N=False)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared reference data: ``$VANTHU_SHARED_DIR`` or ``shared/`` beside the repository root."""
    path = Path(os.environ.get("VANTHU_SHARED_DIR") or Path(vanthu.__file__).resolve().parents[2] / "shared")
    if not (path / "data").is_dir():
        pytest.skip(f"shared data not found at {path} (set VANTHU_SHARED_DIR)")
    return path

"""Shared helpers of the dashboard tests: tasks assigned at chosen dates, completed on chosen days."""

from __future__ import annotations

import datetime as dt

import pytest

from vanthu.tasks import services
from vanthu.testing.factories import assign_task

#: a Wednesday with no holiday around it; "sắp đến hạn" runs to Friday 12/06 (2 working days)
TODAY = dt.date(2026, 6, 10)


def task(
    people, lead, *, deadline=None, assigned_on=dt.date(2026, 5, 4), by="chairman", done_on=None, **spec
):
    """One task assigned by ``by`` to ``lead`` (a Unit or an ExternalAgency), completed on ``done_on`` if given."""
    from vanthu.organization.models import Unit

    key = "lead_unit" if isinstance(lead, Unit) else "lead_external"
    made = assign_task(
        people["chief"],
        assigned_by=people[by],
        assigned_on=assigned_on,
        deadline=deadline,
        **{key: lead},
        **spec,
    )
    if done_on:
        made = services.complete_task(made, people["chief"], "Đã hoàn thành", completed_on=done_on)
    return made


@pytest.fixture
def make_task(people):
    def make(lead, **kwargs):
        return task(people, lead, **kwargs)

    return make

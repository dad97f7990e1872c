import itertools
from datetime import date, timedelta

from django.db.models import Case, F, Q

from vanthu.common.deadlines import (
    STATUS_CSS,
    DeadlineStatus,
    deadline_status,
    deadline_status_expression,
    due_soon_limit,
)
from vanthu.common.workdays import WorkingCalendar

TODAY = date(2026, 3, 11)  # Wednesday
SOON = date(2026, 3, 13)  # two working days later
S = DeadlineStatus


def status(deadline, completed=None):
    return deadline_status(deadline, completed, TODAY, SOON)


def test_values_and_labels():
    assert [(s.value, str(s.label)) for s in S] == [
        ("on_time", "Hoàn thành đúng hạn"),
        ("late", "Hoàn thành quá hạn"),
        ("within", "Trong hạn"),
        ("due_soon", "Sắp đến hạn"),
        ("overdue", "Quá hạn"),
        ("none", "Không có hạn"),
    ]


def test_css_for_every_status():
    assert set(STATUS_CSS) == set(S.values)
    assert STATUS_CSS[S.OVERDUE] == "danger"
    assert STATUS_CSS["due_soon"] == "warning"
    assert STATUS_CSS["within"] == "primary"
    assert STATUS_CSS["on_time"] == "success"
    assert STATUS_CSS["none"] == "light"


def test_due_soon_limit_uses_working_days():
    cal = WorkingCalendar()
    assert due_soon_limit(TODAY, cal) == SOON
    assert due_soon_limit(date(2026, 2, 12), cal) == date(2026, 2, 23)  # Thursday before Tết
    assert due_soon_limit(date(2026, 3, 12), cal, days=1) == date(2026, 3, 13)


def test_open_boundaries():
    assert status(TODAY) == S.DUE_SOON
    assert status(TODAY - timedelta(days=1)) == S.OVERDUE
    assert status(SOON) == S.DUE_SOON
    assert status(SOON + timedelta(days=1)) == S.WITHIN
    assert status(None) == S.NO_DEADLINE


def test_completed_boundaries():
    deadline = date(2026, 3, 10)
    assert status(deadline, deadline) == S.ON_TIME
    assert status(deadline, deadline - timedelta(days=3)) == S.ON_TIME
    assert status(deadline, deadline + timedelta(days=1)) == S.LATE
    assert status(None, TODAY) == S.ON_TIME
    # Completion wins over the open statuses even when the deadline has passed or is far away.
    assert status(TODAY - timedelta(days=30), TODAY - timedelta(days=31)) == S.ON_TIME
    assert status(TODAY + timedelta(days=30), TODAY) == S.ON_TIME


def test_returns_the_enum():
    result = status(TODAY)
    assert isinstance(result, DeadlineStatus)
    assert result == "due_soon"


def test_expression_builds_a_case():
    expression = deadline_status_expression("deadline", "completed_on", TODAY, SOON)
    assert isinstance(expression, Case)
    assert len(expression.cases) == 6


# A tiny evaluator of the Case's conditions (SQL semantics: a comparison with NULL is not true), to check
# without a database that the expression and the Python function implement one rule.
def _evaluate_q(node, row):
    if isinstance(node, tuple):
        lookup, value = node
        field, op = lookup.rsplit("__", 1)
        left = row[field]
        if op == "isnull":
            return (left is None) == value
        right = row[value.name] if isinstance(value, F) else value
        if left is None or right is None:
            return False
        return {"lt": left < right, "lte": left <= right, "gt": left > right, "gte": left >= right}[op]
    assert isinstance(node, Q) and not node.negated  # NOT over NULL would need three-valued logic
    results = [_evaluate_q(child, row) for child in node.children]
    return all(results) if node.connector == Q.AND else any(results)


def _evaluate_case(case, row):
    for when in case.cases:
        if _evaluate_q(when.condition, row):
            return when.result.value
    return case.default.value


def test_expression_and_function_agree_everywhere():
    expression = deadline_status_expression("dl", "done", TODAY, SOON)
    days = [None] + [TODAY + timedelta(days=i) for i in range(-3, 6)]
    seen = set()
    for deadline, completed in itertools.product(days, days):
        expected = deadline_status(deadline, completed, TODAY, SOON)
        assert _evaluate_case(expression, {"dl": deadline, "done": completed}) == expected.value
        seen.add(expected)
    assert seen == set(DeadlineStatus)

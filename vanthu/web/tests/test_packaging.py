"""`make demo` installs the main dependencies only (`pip install -e .`), the tests install the `test` extra too: a
package the application imports must be a main dependency (or installed by one), or the demo fails to start while
every test passes."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _installed_by(names: set[str]) -> set[str]:
    """The distributions ``names`` install, their own requirements included (extras asked for are not followed)."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [_name(r) for r in requires if "extra ==" not in r]
    return seen


def _application_imports() -> set[str]:
    """Top-level modules imported by the application's code (not its tests)."""
    found = set()
    for path in (ROOT / "vanthu").rglob("*.py"):
        if "tests" in path.parts or path.name == "conftest.py" or "testing" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"vanthu", "__future__"}


def test_every_package_the_application_imports_is_installed_by_its_main_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    allowed = _installed_by({_name(r) for r in project["dependencies"]})
    distributions = metadata.packages_distributions()
    missing = {}
    for module in sorted(_application_imports()):
        names = {n.lower().replace("_", "-") for n in distributions.get(module, [])}
        if names and not names & allowed:
            missing[module] = sorted(names)
    assert not missing, f"imported by the application but only installed by the test extra: {missing}"

"""The layers' import rules, read from every module's own imports (its syntax tree).

- ``core`` imports nothing of the project but ``core``.
- ``store`` never imports Qt or the UI; ``system`` never imports the UI.
- the UI never imports ``store.models``: it reads plain records from queries.
- ``ui.common`` imports no feature and no part of the shell.
- a feature imports ``ui.common``, ``ui.shell.context`` and ``ui.shell.operations``, and
  other features only along the edges listed in :data:`FEATURE_EDGES`.
- ``cli`` loads no widgets until a window is wanted (no module-level QtWidgets import).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "runnerup_desktop"
FEATURES = (
    "directory",
    "opportunities",
    "followups",
    "timeline",
    "messages",
    "plan",
    "tray",
    "welcome",
    "sync",
    "jobboards",
)
#: The only feature-to-feature imports: the opportunities open the interview plan, the
#: follow-up actions open Compose, and the welcome view's story ends in Record the news.
FEATURE_EDGES = {("opportunities", "plan"), ("followups", "messages"), ("welcome", "opportunities")}
SHELL_FOR_FEATURES = ("runnerup_desktop.ui.shell.context", "runnerup_desktop.ui.shell.operations")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, *, top_level_only: bool = False) -> Iterator[str]:
    tree = ast.parse(path.read_text(), str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.If) and top_level_only:
            # ``if TYPE_CHECKING:`` blocks are for the type checker only
            test = node.test
            if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
                continue


MODULES = sorted(PACKAGE.rglob("*.py"))


def under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def feature_of(name: str) -> str | None:
    for feature in FEATURES:
        if under(name, f"runnerup_desktop.ui.{feature}"):
            return feature
    return None


def project_imports(path: Path) -> set[str]:
    return {name for name in imports(path) if under(name, "runnerup_desktop")}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_keeps_to_its_layer(path: Path) -> None:
    name = module_name(path)
    found = set(imports(path))
    ours = project_imports(path)
    broken: list[str] = []
    if under(name, "runnerup_desktop.core"):
        broken += [
            i for i in ours if not under(i, "runnerup_desktop.core") and i != "runnerup_desktop"
        ]
    if under(name, "runnerup_desktop.store"):
        broken += [i for i in found if under(i, "PySide6") or under(i, "runnerup_desktop.ui")]
    if under(name, "runnerup_desktop.system"):
        broken += [i for i in ours if under(i, "runnerup_desktop.ui")]
    if under(name, "runnerup_desktop.ui"):
        broken += [i for i in ours if under(i, "runnerup_desktop.store.models")]
    if under(name, "runnerup_desktop.ui.common"):
        broken += [
            i for i in ours if feature_of(i) is not None or under(i, "runnerup_desktop.ui.shell")
        ]
    feature = feature_of(name)
    if feature is not None:
        for imported in ours:
            other = feature_of(imported)
            if other is not None and other != feature and (feature, other) not in FEATURE_EDGES:
                broken.append(imported)
            if under(imported, "runnerup_desktop.ui.shell") and not any(
                under(imported, allowed) for allowed in SHELL_FOR_FEATURES
            ):
                broken.append(imported)
    if under(name, "runnerup_desktop.cli"):
        top = set(imports(path, top_level_only=True))
        broken += [
            i for i in top if under(i, "PySide6.QtWidgets") or under(i, "runnerup_desktop.ui")
        ]
    assert sorted(set(broken)) == [], f"{name} imports across its layer"


def test_every_package_init_is_empty() -> None:
    """Importing a package must not load its modules (the first-paint guards rely on it):
    an ``__init__.py`` holds a docstring at most."""
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent == PACKAGE:
            continue  # the version and the app's names
        body = ast.parse(init.read_text()).body
        assert all(isinstance(node, ast.Expr) for node in body), init


def test_the_rules_catch_a_breach(tmp_path: Path) -> None:
    """The checker itself: a feature importing another feature is found."""
    module = tmp_path / "probe.py"
    module.write_text(
        "from runnerup_desktop.ui.timeline.timeline_panel import TimelinePanel\n"
        "def later():\n    import runnerup_desktop.store.models\n"
    )
    found = set(imports(module))
    assert "runnerup_desktop.ui.timeline.timeline_panel" in found
    assert "runnerup_desktop.store.models" in found
    assert feature_of("runnerup_desktop.ui.timeline.timeline_panel") == "timeline"

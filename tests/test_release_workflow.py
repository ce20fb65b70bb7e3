"""The release workflow for Windows and macOS (.github/workflows/release.yml).

It has never run (no machine here runs Windows or macOS, none reaches a hosted CI): this
checks it against GitHub's workflow schema and that it does what README.md says it does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from runnerup_desktop import APP_NAME, __version__

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "release.yml"


def load() -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def test_the_workflow_passes_githubs_schema() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_it_builds_smoke_runs_and_keeps_both_installers() -> None:
    jobs = load()["jobs"]
    assert jobs["windows"]["runs-on"].startswith("windows")
    assert jobs["macos"]["runs-on"].startswith("macos")
    for name, installer in (("windows", "iscc installers"), ("macos", "make-dmg.sh")):
        steps = jobs[name]["steps"]
        script = "\n".join(step.get("run", "") for step in steps)
        assert "pytest" in script and "packaging.spec" in script and installer in script
        for smoke in ("--version", "plan ", "--demo --exit-after-startup"):
            assert smoke in script, (name, smoke)
        uploads = [step for step in steps if step.get("uses", "").startswith("actions/upload")]
        assert uploads and uploads[0]["with"]["if-no-files-found"] == "error", name


def test_versions_and_names_come_from_the_package() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert __version__ not in text
    assert f"{APP_NAME}-" not in text and f"{APP_NAME}.app" not in text
    assert "r.__version__" in text and "r.APP_NAME" in text

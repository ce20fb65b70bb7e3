"""scripts/system-deps.sh's decisions, against fake dpkg-query, apt-cache, apt-get, id and
python programs on PATH: which packages it wants on which system, what it tells a normal
user, what it installs as root."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "system-deps.sh"


def listed(name: str) -> list[str]:
    """A package list of the script itself (run_pkgs, test_pkgs)."""
    found = re.search(rf'^{name}="([^"]*)"', SCRIPT.read_text(), re.MULTILINE)
    assert found, name
    return [pkg for pkg in found[1].split() if pkg != "python3-venv"]


RUN_PKGS = listed("run_pkgs")
TEST_PKGS = listed("test_pkgs")


def fake(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)


def run(
    tmp_path: Path,
    mode: str,
    installed: list[str],
    *,
    uid: int = 1000,
    sudo: bool = False,
    python: tuple[str, str] = ("3.13", "/usr"),
    archive: tuple[str, ...] = (),
    venv_module: bool = True,
) -> subprocess.CompletedProcess[str]:
    """installed: "name" or "name|provided,names" per installed package."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("bash", "awk", "sort", "grep", "cat"):
        found = shutil.which(tool)
        assert found, tool
        if not (bin_dir / tool).exists():
            (bin_dir / tool).symlink_to(found)
    lines = []
    for entry in installed:
        name, _, provides = entry.partition("|")
        lines.append(f"ii  {name}, {provides.replace(',', ' (= 1.0), ')}")
    (tmp_path / "status").write_text("\n".join(lines) + "\n")
    fake(bin_dir, "dpkg-query", f'cat "{tmp_path}/status"\n')
    fake(bin_dir, "id", f"echo {uid}\n")
    names = "\n".join(("libc6", "libglib2.0-0", *archive))
    fake(bin_dir, "apt-cache", f'[ "$1" = pkgnames ] && printf "%s\\n" "{names}"\n')
    fake(bin_dir, "apt-get", f'echo "$*" >> "{tmp_path}/apt-get.log"\n')
    if sudo:
        fake(bin_dir, "sudo", "exit 0\n")
    version, prefix = python
    fake(
        bin_dir,
        "python3",
        'case "$2" in\n'
        f'  *base_prefix*) echo "{version} {prefix}" ;;\n'
        f"  *ensurepip*) exit {0 if venv_module else 1} ;;\n"
        "esac\n",
    )
    return subprocess.run(
        [str(bin_dir / "bash"), str(SCRIPT), mode],
        env={"PATH": str(bin_dir), "PYTHON": str(bin_dir / "python3"), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )


def apt_log(tmp_path: Path) -> list[str]:
    log = tmp_path / "apt-get.log"
    return log.read_text().splitlines() if log.exists() else []


# Debian 13 has libglib2.0-0t64, which provides the name the script asks for.
TRIXIE = [
    *(p for p in RUN_PKGS if p != "libglib2.0-0"),
    *TEST_PKGS,
    "libglib2.0-0t64|libglib2.0-0",
    "libpython3.13",
]


def test_a_system_with_everything_passes_quietly(tmp_path: Path) -> None:
    done = run(tmp_path, "test", TRIXIE)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_trixies_t64_glib_counts_as_libglib(tmp_path: Path) -> None:
    """Debian 13 has only libglib2.0-0t64 (which provides libglib2.0-0): asking dpkg for the
    old name meant make run could never pass there as a normal user."""
    done = run(tmp_path, "run", [p for p in TRIXIE if p != "libpython3.13"])
    assert done.returncode == 0, done.stderr


def test_debians_own_python_needs_its_shared_library(tmp_path: Path) -> None:
    """PyInstaller bundles libpython3.X.so, which Debian ships apart from python3."""
    installed = [p for p in TRIXIE if p != "libpython3.13"]
    done = run(tmp_path, "test", installed)
    assert done.returncode == 1
    assert "needs these Debian packages: libpython3.13\n" in done.stderr
    # ...but a pyenv (or other self-built) Python brings its own.
    pyenv = ("3.11", "/home/ana/.pyenv/versions/3.11.7")
    assert run(tmp_path, "test", installed, python=pyenv).returncode == 0
    # ...and `make run` does not build a bundle.
    assert run(tmp_path, "run", installed).returncode == 0


def test_a_normal_user_without_sudo_is_told_the_command_for_root(tmp_path: Path) -> None:
    done = run(tmp_path, "run", [p for p in TRIXIE if p != "libxcb-cursor0"])
    assert done.returncode == 1
    assert done.stdout == ""
    command = "apt-get update && apt-get install -y --no-install-recommends libxcb-cursor0"
    assert f"  as root: su -c '{command}'\n" in done.stderr
    assert "sudo" not in done.stderr  # a minimal Debian has none
    assert apt_log(tmp_path) == []


def test_with_sudo_the_sudo_command_too(tmp_path: Path) -> None:
    done = run(tmp_path, "run", [p for p in TRIXIE if p != "libxcb-cursor0"], sudo=True)
    assert done.returncode == 1
    assert "  as root: su -c '" in done.stderr
    assert (
        "  with sudo: sudo sh -c 'apt-get update && apt-get install -y "
        "--no-install-recommends libxcb-cursor0'\n"
    ) in done.stderr


def test_the_message_names_what_this_archive_calls_the_package(tmp_path: Path) -> None:
    installed = [p for p in TRIXIE if not p.startswith("libglib")]
    done = run(tmp_path, "run", installed, archive=("libglib2.0-0t64",))
    assert "--no-install-recommends libglib2.0-0t64'" in done.stderr


def test_root_installs_without_recommends(tmp_path: Path) -> None:
    installed = [p for p in TRIXIE if not p.startswith(("libglib", "xvfb", "libpython"))]
    done = run(tmp_path, "test", installed, uid=0, archive=("libglib2.0-0t64",))
    assert done.returncode == 0, done.stderr
    assert apt_log(tmp_path) == [
        "update -qq",
        "install -y -qq --no-install-recommends libglib2.0-0t64 xvfb libpython3.13",
    ]


def test_debians_python_without_venv_wants_python3_venv(tmp_path: Path) -> None:
    done = run(tmp_path, "run", TRIXIE, venv_module=False)
    assert done.returncode == 1
    assert "packages: python3-venv\n" in done.stderr


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="Debian")
def test_this_machine_has_what_make_test_needs() -> None:
    """make test ran system-deps.sh test before the tests: it must now be satisfied."""
    done = subprocess.run(
        ["bash", str(SCRIPT), "test"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHON": os.environ.get("PYTHON", "python3")},
    )
    assert done.returncode == 0, done.stderr

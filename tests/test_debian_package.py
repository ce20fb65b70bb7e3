"""The decisions the Debian packaging makes from the bundle and from dpkg, without building
(installers/linux/debmeta.py; build-deb.sh and package-test.sh run it on the real bundle)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_DEB = ROOT / "installers" / "linux" / "build-deb.sh"


@pytest.fixture(scope="module")
def debmeta() -> ModuleType:
    spec = importlib.util.spec_from_file_location("debmeta", BUILD_DEB.with_name("debmeta.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bundle(tmp_path: Path, dynload: str) -> Path:
    root = tmp_path / "runnerup"
    folder = root / dynload
    folder.mkdir(parents=True)
    (folder / "pyexpat.cpython-313-x86_64-linux-gnu.so").write_bytes(ELF + EXPAT + b"\0")
    (folder / "_json.cpython-313-x86_64-linux-gnu.so").write_bytes(ELF)
    return root


ELF = b"\x7fELF\x02\x01\x01\0"
EXPAT = b"requested feature requires XML_DTD support in Expat"
# No table of lintian's: the overrides come from debmeta's own (KNOWN_EMBEDDED).
NO_LINTIAN = Path("/nonexistent/embedded-libs")


def override_paths(text: str) -> list[str]:
    return re.findall(r"\[([^\]]+)\]", text)


@pytest.mark.parametrize(
    "dynload",
    [
        "_internal/python3.13/lib-dynload",
        "_internal/lib-dynload",
        "_internal/python3.11/lib-dynload",
    ],
)
def test_overrides_name_the_built_pythons_own_paths(
    debmeta: ModuleType, tmp_path: Path, dynload: str
) -> None:
    """pyenv's CPython: pyexpat carries its own expat, _json links libpython and not libc."""
    root = bundle(tmp_path, dynload)
    text = debmeta.overrides(root, needed=lambda path: {"libpython3.13.so.1.0"}, table=NO_LINTIAN)
    assert f"library-not-linked-against-libc [opt/runnerup/{dynload}/*]" in text
    pyexpat = f"opt/runnerup/{dynload}/pyexpat.cpython-313-x86_64-linux-gnu.so"
    assert f"embedded-library expat [{pyexpat}]" in text
    for path in override_paths(text):
        matches = list(root.parent.glob(path.removeprefix("opt/")))
        assert matches, f"{path} matches no file of the bundle"


def test_debians_python_needs_no_libc_override(debmeta: ModuleType, tmp_path: Path) -> None:
    """Debian's python3 links every module to libc (an override would be unused, which
    lintian reports too), and pyexpat to libexpat1, which must then be in Depends."""
    root = bundle(tmp_path, "_internal/python3.11/lib-dynload")

    def needed(path: Path) -> set[str]:
        return {"libc.so.6", "libexpat.so.1"} if "pyexpat" in path.name else set()

    text = debmeta.overrides(root, needed=needed, table=NO_LINTIAN)
    assert "library-not-linked-against-libc" not in text
    assert "libexpat1" in debmeta.depends_names(depends_field())


def test_expat_is_overridden_where_lintian_finds_its_messages(
    debmeta: ModuleType, tmp_path: Path
) -> None:
    """Debian 13 builds pyexpat into libpython3.13, which links libexpat1 but holds expat's
    messages: lintian says embedded-library there, and nowhere without them."""
    root = tmp_path / "runnerup"
    (root / "_internal" / "python3.13" / "lib-dynload").mkdir(parents=True)
    (root / "_internal" / "libpython3.13.so.1.0").write_bytes(ELF + EXPAT)
    (root / "_internal" / "libQt6Core.so.6").write_bytes(ELF)
    text = debmeta.overrides(
        root, needed=lambda path: {"libc.so.6", "libexpat.so.1"}, table=NO_LINTIAN
    )
    assert override_paths(text) == ["opt/runnerup/*", "opt/runnerup/_internal/libpython3.13.so.1.0"]
    assert "links the system's libexpat1" in text


def test_wheels_static_libraries_are_overridden_where_lintian_finds_them(
    debmeta: ModuleType, tmp_path: Path
) -> None:
    """lxml's and PyYAML's wheels link libxml2, zlib and libyaml in (CI saw lintian's
    embedded-library errors once caldav brought them): one override per file and library,
    and none for a file that only mentions one (not ELF) or a message cut in two."""
    internal = tmp_path / "runnerup" / "_internal"
    (internal / "lxml").mkdir(parents=True)
    (internal / "yaml").mkdir()
    etree = internal / "lxml" / "etree.cpython-311-x86_64-linux-gnu.so"
    etree.write_bytes(ELF + b"\0root and DTD name do not match\0inflate 1.3.1 Copyright\0")
    (internal / "yaml" / "_yaml.cpython-311-x86_64-linux-gnu.so").write_bytes(
        ELF + b"\0did not find expected <stream-start>\0"
    )
    (internal / "lxml" / "notes.txt").write_bytes(b"root and DTD name do not match")
    (internal / "libcut.so").write_bytes(ELF + b"root and DTD\0name do not match")
    (internal / "libz4.so").write_bytes(ELF + b"\0inflate 4\0")
    text = debmeta.overrides(internal.parent, needed=lambda path: {"libc.so.6"}, table=NO_LINTIAN)
    lines = [line for line in text.splitlines() if "embedded-library" in line]
    where = "opt/runnerup/_internal"
    assert lines == [
        f"runnerup: embedded-library libxml2 [{where}/lxml/etree.cpython-311-x86_64-linux-gnu.so]",
        f"runnerup: embedded-library zlib [{where}/lxml/etree.cpython-311-x86_64-linux-gnu.so]",
        f"runnerup: embedded-library libyaml [{where}/yaml/_yaml.cpython-311-x86_64-linux-gnu.so]",
    ]
    assert "PyPI" in text


LINTIAN_TABLE = Path("/usr/share/lintian/data/binaries/embedded-libs")


@pytest.mark.skipif(not LINTIAN_TABLE.is_file(), reason="lintian is not installed here")
def test_lintians_own_table_is_read_and_agrees_with_debmetas(debmeta: ModuleType) -> None:
    """Where lintian is installed its table decides; debmeta's few entries are the same
    regular expressions, for a build on a machine without lintian."""
    table = debmeta.embedded_libraries(LINTIAN_TABLE)
    assert len(table) > 40
    for name, pattern in debmeta.KNOWN_EMBEDDED.items():
        assert table[name].pattern == pattern, name


def depends_field() -> str:
    script = BUILD_DEB.read_text(encoding="utf-8")
    found = re.search(r'^depends="([^"]*)"', script, re.MULTILINE)
    assert found, "no depends= in build-deb.sh"
    return found[1]


# What dpkg says on Debian 13: t64 names, and diversion lines (usrmerge's) before the owner.
TRIXIE_SEARCH = {
    "/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0": (
        "libglib2.0-0t64:amd64: /usr/lib/x86_64-linux-gnu/libglib-2.0.so.0\n"
    ),
    "/lib/x86_64-linux-gnu/libc.so.6": (
        "diversion by libc6 from: /lib/x86_64-linux-gnu/libc.so.6\n"
        "diversion by libc6 to: /lib/x86_64-linux-gnu/libc.so.6.usr-is-merged\n"
        "libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6\n"
    ),
    "/usr/lib/x86_64-linux-gnu/libexpat.so.1": (
        "libexpat1:amd64: /usr/lib/x86_64-linux-gnu/libexpat.so.1\n"
    ),
    "/usr/lib/x86_64-linux-gnu/libpng16.so.16": (
        "libpng16-16t64:amd64: /usr/lib/x86_64-linux-gnu/libpng16.so.16\n"
    ),
}
TRIXIE_PROVIDES = {"libglib2.0-0t64": "libglib2.0-0 (= 2.84.4-3~deb13u1)", "libpng16-16t64": ""}


def test_dpkg_owners_skip_diversions_and_architectures(debmeta: ModuleType) -> None:
    assert debmeta.dpkg_owners(TRIXIE_SEARCH["/lib/x86_64-linux-gnu/libc.so.6"]) == ["libc6"]
    assert debmeta.dpkg_owners("libfoo1:amd64, libfoo1:i386: /usr/lib/libfoo.so.1\n") == ["libfoo1"]
    assert debmeta.dpkg_owners("") == []


def test_t64_packages_count_through_what_they_provide(debmeta: ModuleType) -> None:
    missing = debmeta.missing_depends(
        depends_field(),
        list(TRIXIE_SEARCH),
        search=lambda path: TRIXIE_SEARCH.get(path, ""),
        provides=lambda package: TRIXIE_PROVIDES.get(package, ""),
    )
    # libpng is not in Depends, under either name: the one real gap is reported.
    assert missing == ["libpng16-16t64(libpng16.so.16)"]


def test_a_library_dpkg_does_not_know_is_reported(debmeta: ModuleType) -> None:
    missing = debmeta.missing_depends(
        "libc6", ["/usr/lib/libmystery.so.1"], search=lambda path: "", provides=lambda p: ""
    )
    assert missing == ["?(/usr/lib/libmystery.so.1)"]


def test_the_package_puts_opt_back_when_dpkg_removes_it() -> None:
    """/opt is no package's (base-files' postinst makes it): dpkg deletes it with
    /opt/runnerup when it is empty. package-test.sh installs and purges the real .deb."""
    script = BUILD_DEB.read_text(encoding="utf-8")
    postrm = script[script.index('cat > "$pkg/DEBIAN/postrm"') :]
    assert '[ -d "$DPKG_ROOT/opt" ] || install -d -m 0755 "$DPKG_ROOT/opt"' in postrm

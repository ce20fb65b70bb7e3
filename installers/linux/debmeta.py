"""What build-deb.sh and package-test.sh decide from the bundle and from dpkg, in one place
that tests/test_debian_package.py checks without building anything:

    python3 installers/linux/debmeta.py overrides BUNDLE
        the lintian overrides for this bundle, with the paths of the Python that built it
        (pyenv's and Debian's python3 lay out lib-dynload differently; 3.11 on Debian 12,
        3.13 on Debian 13)
    python3 installers/linux/debmeta.py missing-depends DEPENDS LIB...
        the libraries whose Debian package is not in DEPENDS (the Depends field), one
        "package(library)" a line; a package counts when Depends names it or a name it
        provides (Debian 13 renamed libraries for 64-bit time: libglib2.0-0t64 provides
        libglib2.0-0).

Plain Python 3 (build-deb.sh runs it with the system's python3), no third-party module.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

INSTALL_DIR = "opt/runnerup"
SOURCE_NAME = "runnerup"
# Lintian's own table of the libraries it recognises inside a binary by their messages:
# read where lintian is installed (package-test.sh installs it), so the overrides follow the
# lintian that checks them; these are its entries for what the bundle's wheels link in.
LINTIAN_EMBEDDED_LIBS = Path("/usr/share/lintian/data/binaries/embedded-libs")
KNOWN_EMBEDDED = {
    "expat": r"(?m)^requested feature requires XML_DTD support in Expat",
    "libxml2": r"root and DTD name do not match",
    "libyaml": r"(?m)^did not find expected <stream-start>",
    "zlib": r"(?m)(?<!4 )(?:in|de)flate (?:\d[ \w.\-]{1,20}[\w.\-])",
}


def needed_libraries(path: Path) -> set[str]:
    """The DT_NEEDED entries of an ELF file (objdump, from binutils)."""
    out = subprocess.run(
        ["objdump", "-p", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {f[1] for f in (line.split() for line in out.splitlines()) if f[:1] == ["NEEDED"]}


def not_linked_against_libc(needed: set[str]) -> bool:
    return bool(needed) and not any(name.startswith("libc.so.") for name in needed)


def overrides(
    bundle: Path,
    needed: Callable[[Path], set[str]] = needed_libraries,
    table: Path = LINTIAN_EMBEDDED_LIBS,
) -> str:
    """installers/linux/lintian-overrides, plus the tags whose paths depend on the build."""
    lines = [(Path(__file__).parent / "lintian-overrides").read_text(encoding="utf-8").rstrip()]
    # Lintian's rule: a shared object that needs some library but not libc. pyenv's CPython
    # has such modules (libpython only); Debian's has none, and an override that matches
    # nothing is a complaint of its own (unused-override).
    for folder in sorted(p for p in bundle.rglob("lib-dynload") if p.is_dir()):
        if any(not_linked_against_libc(needed(module)) for module in sorted(folder.glob("*.so"))):
            lines += [
                "# CPython extension modules that call no C library function at all.",
                "runnerup: library-not-linked-against-libc"
                f" [{INSTALL_DIR}/{folder.relative_to(bundle)}/*]",
            ]
    lines += embedded_overrides(bundle, needed, embedded_libraries(table))
    return "\n".join(lines) + "\n"


def embedded_libraries(table: Path) -> dict[str, re.Pattern[str]]:
    """Lintian's embedded-libs table (name || options || regex), or KNOWN_EMBEDDED without it.
    An entry whose source option names RunnerUp's source, or whose regex Python cannot read,
    is left out."""
    if not table.is_file():
        return {name: re.compile(rx) for name, rx in KNOWN_EMBEDDED.items()}
    found: dict[str, re.Pattern[str]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "||" not in line:
            continue
        name, rest = (part.strip() for part in line.split("||", 1))
        options, _, pattern = rest.partition("||")
        settings = dict(o.split("=", 1) for o in options.split() if "=" in o)
        libname = settings.get("libname", name)
        source_regex = settings.get("source-regex")
        if source_regex and re.search(source_regex, SOURCE_NAME):
            continue
        if settings.get("source", name) == SOURCE_NAME:
            continue
        try:
            found[libname] = re.compile(pattern.strip())
        except re.error:
            continue
    return found


def printable_strings(data: bytes) -> str:
    """What `strings` prints of a file (runs of 4 or more printable characters), one a line:
    the text lintian matches its table against."""
    runs = re.findall(rb"[\x20-\x7e\t]{4,}", data)
    return "\n".join(run.decode("ascii") for run in runs)


def embedded_overrides(
    bundle: Path, needed: Callable[[Path], set[str]], libraries: dict[str, re.Pattern[str]]
) -> list[str]:
    """An embedded-library override for every ELF file of the bundle where lintian's table
    finds a library's messages, each with why."""
    expat: list[str] = []
    wheels: list[str] = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as file:
            if file.read(4) != b"\x7fELF":
                continue
        text = printable_strings(path.read_bytes())
        where = f"[{INSTALL_DIR}/{path.relative_to(bundle)}]"
        for name, pattern in sorted(libraries.items()):
            if not pattern.search(text):
                continue
            line = f"runnerup: embedded-library {name} {where}"
            if name != "expat":
                wheels.append(line)
            elif any(lib.startswith("libexpat.so") for lib in needed(path)):
                expat += [
                    "# pyexpat holds expat's error messages, which lintian takes for a copy of",
                    "# expat; it links the system's libexpat1 (Debian's own libpython overrides",
                    "# this too).",
                    line,
                ]
            else:
                expat += [
                    "# This Python (python.org sources, built by pyenv) carries its own copy of",
                    "# expat in pyexpat, as CPython does unless built against the system's.",
                    line,
                ]
    if wheels:
        wheels.insert(
            0,
            "# Python packages as PyPI ships them (lxml, PyYAML) link these libraries in; the\n"
            "# bundle carries its own copies by design, as it carries its own Python and Qt.",
        )
    return expat + wheels


def dpkg_owners(search_output: str) -> list[str]:
    """The packages in `dpkg -S PATH`'s answer, without its diversion lines
    ("diversion by PKG from: PATH") and without architectures ("libc6:amd64")."""
    owners: list[str] = []
    for line in search_output.splitlines():
        if line.startswith("diversion by ") or ": " not in line:
            continue
        names = line.split(": ", 1)[0]
        for name in names.split(","):
            name = name.strip().split(":", 1)[0]
            if name and name not in owners:
                owners.append(name)
    return owners


def depends_names(field: str) -> set[str]:
    """Every package name in a Depends field, alternatives included."""
    names = set()
    for part in re.split(r"[,|]", field):
        words = part.split()
        if words:
            names.add(words[0].split(":", 1)[0])
    return names


def provided_names(provides_field: str) -> set[str]:
    return depends_names(provides_field)


def dpkg_search(path: str) -> str:
    done = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True, check=False)
    return done.stdout


def dpkg_provides(package: str) -> str:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Provides}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout


def missing_depends(
    depends: str,
    libraries: Iterable[str],
    search: Callable[[str], str] = dpkg_search,
    provides: Callable[[str], str] = dpkg_provides,
) -> list[str]:
    """The "package(library)" of every library no package of Depends provides."""
    wanted = depends_names(depends)
    missing = []
    for lib in libraries:
        candidates = [lib, str(Path(lib).resolve())]
        candidates += [f"/usr{c}" for c in candidates if not c.startswith("/usr/")]
        candidates += [c.removeprefix("/usr") for c in candidates if c.startswith("/usr/")]
        owners: list[str] = []
        for candidate in dict.fromkeys(candidates):
            owners = dpkg_owners(search(candidate))
            if owners:
                break
        if not owners:
            missing.append(f"?({lib})")
            continue
        if not any(owner in wanted or provided_names(provides(owner)) & wanted for owner in owners):
            missing.append(f"{owners[0]}({Path(lib).name})")
    return missing


def main(argv: list[str]) -> int:
    if argv[:1] == ["overrides"] and len(argv) == 2:
        sys.stdout.write(overrides(Path(argv[1])))
        return 0
    if argv[:1] == ["missing-depends"] and len(argv) >= 2:
        for item in missing_depends(argv[1], argv[2:]):
            print(item)
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

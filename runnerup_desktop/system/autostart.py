"""Start at login: the platform's own autostart entry, written or removed (no Qt).

- Linux and other XDG desktops: ``~/.config/autostart/org.runnerup.RunnerUp.desktop``;
- Windows: the value ``RunnerUp`` under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``;
- macOS: ``~/Library/LaunchAgents/org.runnerup.RunnerUp.plist``.

Each entry starts the current launcher with ``--background``: RunnerUp opens in the tray.
Where the entry lives comes from :class:`~runnerup_desktop.system.paths.AppPaths`, so a test home
(``RUNNERUP_HOME``) gets a file of its own and never touches the real session or registry.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from runnerup_desktop import APP_ID, APP_NAME
from runnerup_desktop.system.paths import AppPaths

BACKGROUND = "--background"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
#: Characters that make the Desktop Entry spec require an Exec argument to be quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launcher_command(extra: Sequence[str] = ()) -> list[str]:
    """How this installation starts RunnerUp in the tray."""
    return program_command([BACKGROUND, *extra])


def program_command(extra: Sequence[str] = ()) -> list[str]:
    """How this installation starts RunnerUp: the frozen program, else the ``runnerup``
    script beside this Python, else ``python -m runnerup_desktop``."""
    if getattr(sys, "frozen", False):
        program = [sys.executable]
    else:
        folder = Path(sys.executable).parent
        scripts = [
            folder / "runnerup",
            folder / "runnerup.exe",
            folder / "Scripts" / "runnerup.exe",
        ]
        script = next((s for s in scripts if s.is_file()), None)
        program = [str(script)] if script else [sys.executable, "-m", "runnerup_desktop"]
    return [*program, *extra]


def _exec_argument(argument: str) -> str:
    if argument and not _RESERVED.intersection(argument):
        return argument.replace("%", "%%")
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return '"' + escaped.replace("%", "%%") + '"'


def desktop_exec(command: Sequence[str]) -> str:
    """The ``Exec`` value for ``command``: quoted as the Desktop Entry spec asks, then
    escaped as a string value (a backslash is written twice)."""
    return " ".join(_exec_argument(a) for a in command).replace("\\", "\\\\")


def desktop_entry(command: Sequence[str], icon: Path | None = None) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "GenericName=Follow-up reminders",
            "Comment=Reminds you from the tray when a follow-up is due",
            f"Exec={desktop_exec(command)}",
            f"Icon={icon if icon is not None else APP_ID}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def launch_agent(command: Sequence[str]) -> bytes:
    import plistlib  # macOS only: its XML parser is not loaded with the window elsewhere

    return plistlib.dumps(
        {
            "Label": APP_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }
    )


def run_value(command: Sequence[str]) -> str:
    """The command line the Windows Run key holds."""
    return subprocess.list2cmdline(list(command))


@dataclass(frozen=True)
class Autostart:
    """The entry for one platform; ``file`` is ``None`` only for the Windows registry."""

    platform: str
    file: Path | None

    @classmethod
    def for_paths(cls, paths: AppPaths, platform: str = sys.platform) -> Autostart:
        return cls(platform, paths.autostart_file)

    def enable(self, command: Sequence[str], icon: Path | None = None) -> None:
        if self.file is None:
            self._registry(run_value(command))
            return
        if self.platform == "darwin":
            content = launch_agent(command)
        elif self.platform == "win32":  # a test home: the Run value, in a file
            content = run_value(command).encode()
        else:
            content = desktop_entry(command, icon).encode()
        self.file.parent.mkdir(parents=True, exist_ok=True)
        self.file.write_bytes(content)

    def disable(self) -> None:
        if self.file is None:
            self._registry(None)
        else:
            self.file.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        if self.file is not None:
            return self.file.is_file()
        return _registry_value() is not None

    @staticmethod
    def _registry(value: str | None) -> None:
        if sys.platform != "win32":
            raise OSError("The Run key is in the Windows registry only.")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            if value is not None:
                winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, value)
            else:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, APP_NAME)


def _registry_value() -> str | None:
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            return str(winreg.QueryValueEx(key, APP_NAME)[0])
    except OSError:
        return None


def apply(autostart: Autostart, enabled: bool, command: Sequence[str], icon: Path | None) -> None:
    """Make the entry match the setting (rewritten when on: the launcher may have moved)."""
    if enabled:
        autostart.enable(command, icon)
    else:
        autostart.disable()

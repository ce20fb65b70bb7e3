"""The sync password never reaches the database, the settings, the logs or a crash report
(as for the email password): sync right, wrong, over TLS without trust, through a lost
connection and through a crash, at debug level, then read every file."""

from __future__ import annotations

import base64
import io
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runnerup_desktop.cli.main import main
from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.demo import seed_demo
from runnerup_desktop.sync import vcard
from runnerup_desktop.sync.account import SyncAccount
from runnerup_desktop.system.diagnostics import crash_report, setup_logging, write_crash_log
from runnerup_desktop.system.paths import AppPaths
from tests.sync.conftest import TODAY, engine_for
from tests.sync.dav_servers import PASSWORD, DavServer

WRONG = PASSWORD[::-1]


@pytest.fixture
def debug_log(app_paths: AppPaths) -> Iterator[logging.Handler]:
    app_paths.ensure_private_dirs()
    handler = setup_logging(app_paths, level=logging.DEBUG)
    assert handler is not None
    root = logging.getLogger()
    level = root.level
    yield handler
    root.removeHandler(handler)
    handler.close()
    root.setLevel(level)


def test_no_form_of_the_password_is_written_anywhere(
    app_paths: AppPaths,
    debug_log: logging.Handler,
    radicale: DavServer,
    radicale_tls: DavServer,
    memory_vault: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = open_store(app_paths.default_db)
    seed_demo(store.sessions, TODAY)
    store.close()
    db = str(app_paths.default_db)

    def cli(*args: str, password: str) -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
        return main(["sync", "--db", db, "--password-stdin", *args])

    assert cli("--url", radicale.url, "--user", "ana", password=WRONG) == 2
    assert cli("--url", radicale.url, "--user", "ana", password=PASSWORD) == 0
    memory_vault.store("ana", "127.0.0.1", PASSWORD)
    radicale.drop_on = ("REPORT", radicale.requests["REPORT"] + 1)
    assert main(["sync", "--db", db]) == 3  # the keyring's password; the server goes away
    radicale.come_back()
    assert cli("--url", radicale_tls.url, "--user", "ana", password=PASSWORD) == 2  # TLS

    store = open_store(app_paths.default_db)
    engine = engine_for(store)

    def crash(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("a bug while writing a card")

    monkeypatch.setattr(vcard, "render", crash)
    from runnerup_desktop.store.directory_services import DirectoryServices
    from runnerup_desktop.store.models import Contact

    with store.sessions() as session:
        someone = session.query(Contact).first()
        assert someone is not None
    DirectoryServices(store.sessions).update_contact(someone.id, {"title": "Changed"})
    with pytest.raises(RuntimeError) as crashed:
        engine.run(PASSWORD, SyncAccount(url=radicale.url, user="ana"))
    write_crash_log(
        app_paths, crash_report(type(crashed.value), crashed.value, crashed.value.__traceback__)
    )
    store.close()

    forms = []
    for secret in (PASSWORD, WRONG):
        forms += [secret.encode(), base64.b64encode(f"ana:{secret}".encode())]
        forms += [secret.encode("utf-16-le"), secret.encode("unicode_escape")]
    files = [app_paths.default_db, *app_paths.data_dir.glob("*.sqlite3-*")]
    files += [path for path in app_paths.log_dir.iterdir() if path.is_file()]
    if app_paths.settings_file.exists():
        files.append(app_paths.settings_file)
    assert app_paths.crash_log in files
    log_text = app_paths.log_file.read_text(encoding="utf-8")
    assert "a sync did not complete (auth)" in log_text  # the log is really written
    assert "ana.sousa" not in log_text and "Hana" not in log_text
    for path in files:
        content = path.read_bytes()
        for form in forms:
            assert form not in content, f"a form of the password is in {path.name}"
    assert "Changed" not in app_paths.crash_log.read_text(encoding="utf-8")


def test_the_keyring_keeps_it_under_its_own_service(memory_vault: Any, tmp_path: Path) -> None:
    memory_vault.store("ana", "cloud.example.com", PASSWORD)
    backend = memory_vault.backend()
    assert backend.secrets == {("RunnerUp CalDAV", "ana@cloud.example.com"): PASSWORD}

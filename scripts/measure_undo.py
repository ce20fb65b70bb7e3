"""How long undo and redo take on a large step: a company with N contacts deleted.

.venv/bin/python scripts/measure_undo.py [N]   (default 20,000; prints one line)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from runnerup_desktop.store.database import open_store
from runnerup_desktop.store.directory_services import DirectoryServices
from runnerup_desktop.store.models import Company, Contact


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    store = open_store(Path(tempfile.mkdtemp(prefix="runnerup-undo-")) / "undo.sqlite3")
    with store.sessions.begin() as session:
        company = Company(name="Big")
        session.add(company)
        session.flush()
        session.add_all(
            Contact(company_id=company.id, name=f"Person {i}", email=f"p{i}@example.org")
            for i in range(count)
        )
        company_id = company.id
    services = DirectoryServices(store.sessions)
    timings = {}
    start = time.perf_counter()
    with store.history.step("Delete company Big") as step:
        step.change = services.delete_company(company_id)
    timings["delete as a step"] = time.perf_counter() - start
    for verb in ("undo", "redo"):
        start = time.perf_counter()
        getattr(store.history, verb)()
        timings[verb] = time.perf_counter() - start
    store.close()
    shown = ", ".join(f"{what} {seconds:.2f} s" for what, seconds in timings.items())
    print(f"a company with {count:,} contacts: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

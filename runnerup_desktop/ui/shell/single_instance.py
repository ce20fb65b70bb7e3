"""One RunnerUp per database: a later launch hands its arguments to the running one (which
raises its window) and exits.

Who runs on a database is told by the database's own lock file
(:mod:`runnerup_desktop.system.instance_lock`), not by anything in ``TMPDIR``: a later
launch with another ``TMPDIR`` still finds the running RunnerUp, and reads from the lock
file where it listens. The local server's name comes from the user and the database's path;
a socket left under it by a crash answers no one, and is removed before listening again.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from enum import Enum
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDir, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from runnerup_desktop.system.instance_lock import Holder, InstanceLock, wait_for_address

log = logging.getLogger(__name__)

TIMEOUT_MS = 3000
#: The largest hand-over accepted (the arguments of one command line).
MAX_MESSAGE = 64 * 1024


class Claim(Enum):
    FIRST = "first"  # no other instance: this one runs, listening for later launches
    HANDED_OVER = "handed over"  # the running instance took the arguments
    NO_ANSWER = "no answer"  # an instance is there but did not answer in time


def server_name(db_path: Path, user: str | None = None) -> str:
    user = user or getpass.getuser()
    digest = hashlib.sha256(f"{user}\0{db_path}".encode()).hexdigest()[:20]
    return f"runnerup-{digest}"


class SingleInstance(QObject):
    #: The arguments of a later launch (list[str]), after it handed them over.
    arrived = Signal(list)

    def __init__(self, db_path: Path, parent: QObject | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.name = name or server_name(db_path)
        #: The RunnerUp that has the database, when it is another one.
        self.holder: Holder | None = None
        self._lock: InstanceLock | None = None
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def claim(self, args: Sequence[str]) -> Claim:
        """Hand ``args`` to the RunnerUp that has the database, or become it. ``OSError``
        when the lock file cannot be made."""
        while True:
            taken = InstanceLock.acquire(self.db_path)
            if isinstance(taken, InstanceLock):
                self._lock = taken
                taken.publish(self._listen())
                return Claim.FIRST
            holder = wait_for_address(self.db_path)
            if holder is None:
                continue  # it ended while we waited: try again to be the first
            self.holder = holder
            if not holder.address:
                return Claim.NO_ANSWER
            return self.hand_over(args, holder.address) or Claim.NO_ANSWER

    def socket_file(self) -> Path | None:
        """Where the server's socket lives (``None`` on Windows: a named pipe)."""
        if sys.platform == "win32":
            return None
        path = Path(self.name)
        return path if path.is_absolute() else Path(QDir.tempPath()) / self.name

    def hand_over(self, args: Sequence[str], address: str | None = None) -> Claim | None:
        """Send ``args`` to the instance listening at ``address`` (by default this one's
        name); ``None`` when nobody listens there."""
        socket = QLocalSocket()
        socket.connectToServer(address or self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return None
        message = json.dumps({"args": list(args), "cwd": os.getcwd()}).encode() + b"\n"
        socket.write(message)
        socket.flush()
        answered = False
        while socket.waitForReadyRead(TIMEOUT_MS):
            if socket.canReadLine():
                answered = bytes(socket.readLine().data()).strip() == b"ok"
                break
        socket.disconnectFromServer()
        return Claim.HANDED_OVER if answered else Claim.NO_ANSWER

    def close(self) -> None:
        """Stop listening and let go of the database; a half-received hand-over is dropped."""
        for socket in list(self._buffers):
            self._finish(socket, None)
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _listen(self) -> str:
        """Listen for later launches; the full address, or "" if that failed. Holding the
        database's lock, any socket already under this name was left by a crash."""
        stale = self.socket_file()
        if stale is not None and stale.exists():
            log.info("removing a stale single-instance socket")
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("cannot listen for later launches (%s)", server.serverError().name)
            server.deleteLater()
            return ""
        server.newConnection.connect(self._accept)
        self._server = server
        log.info("single instance: listening")
        return server.fullServerName()

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = b""
            socket.readyRead.connect(partial(self._read, socket))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                self._finish(socket, None)
            else:
                self._buffers[socket] = data
            return
        try:
            args = [str(a) for a in json.loads(data.split(b"\n", 1)[0])["args"]]
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed message from a later launch")
            self._finish(socket, None)
            return
        self._finish(socket, b"ok\n")
        self.arrived.emit(args)

    def _finish(self, socket: QLocalSocket, reply: bytes | None) -> None:
        """Answer (or drop) a connection; nothing of ours is called on it afterwards."""
        self._buffers.pop(socket, None)
        socket.readyRead.disconnect()
        if reply is None:
            socket.abort()
        else:
            socket.write(reply)
            socket.flush()
            socket.disconnectFromServer()

"""One RunnerUp per person and database: a later launch hands its arguments to the
running one (which raises its window) and exits.

The local server's name comes from the user and the database's path, so two people, or
one person with two databases, never meet. A socket file left by a crash answers no one:
it is removed and the name taken again.
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

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def claim(self, args: Sequence[str]) -> Claim:
        """Hand ``args`` to a running instance, or become the running instance."""
        found = self.hand_over(args)
        if found is not None:
            return found
        stale = self.socket_file()
        if stale is not None and stale.exists():  # nobody answered on it: left by a crash
            log.info("removing a stale single-instance socket: %s", stale)
            QLocalServer.removeServer(self.name)
        if not self._listen():
            log.warning("cannot listen for later launches as %s", self.name)
        return Claim.FIRST

    def socket_file(self) -> Path | None:
        """Where the server's socket lives (``None`` on Windows: a named pipe)."""
        if sys.platform == "win32":
            return None
        path = Path(self.name)
        return path if path.is_absolute() else Path(QDir.tempPath()) / self.name

    def hand_over(self, args: Sequence[str]) -> Claim | None:
        """Send ``args`` to the running instance; ``None`` when nobody listens."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
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
        """Stop listening; a half-received hand-over is dropped."""
        for socket in list(self._buffers):
            self._finish(socket, None)
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            server.deleteLater()
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        log.info("single instance: listening as %s", self.name)
        return True

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

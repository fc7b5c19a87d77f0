"""A small IMAP server on 127.0.0.1 for the fetch tests: LOGIN, SELECT/EXAMINE, UID SEARCH,
UID FETCH (RFC822), LOGOUT — what imaplib sends to read a folder."""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Inbox:
    messages: list[bytes] = field(default_factory=list)
    password: str = "secret"
    fetched: list[int] = field(default_factory=list)


class _Handler(socketserver.StreamRequestHandler):
    inbox: Inbox

    def handle(self) -> None:
        self._send(b"* OK IMAP4rev1 test server ready")
        while line := self.rfile.readline():
            tag, _, rest = line.decode().strip().partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command == "CAPABILITY":
                self._send(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN")
                self._ok(tag)
            elif command == "LOGIN":
                if args.split()[-1].strip('"') != self.inbox.password:
                    self._send(f"{tag} NO [AUTHENTICATIONFAILED] wrong password".encode())
                else:
                    self._ok(tag)
            elif command in ("SELECT", "EXAMINE"):
                self._send(f"* {len(self.inbox.messages)} EXISTS".encode())
                self._send(b"* OK [UIDVALIDITY 77] UIDs valid")
                self._send(f"{tag} OK [READ-ONLY] done".encode())
            elif command == "UID":
                self._uid(tag, args)
            elif command == "LOGOUT":
                self._send(b"* BYE")
                self._ok(tag)
                return
            else:
                self._send(f"{tag} BAD unknown".encode())

    def _uid(self, tag: str, args: str) -> None:
        if args.upper().startswith("SEARCH"):
            uids = " ".join(str(n) for n in range(1, len(self.inbox.messages) + 1))
            self._send(f"* SEARCH {uids}".encode())
        else:
            found = re.match(r"FETCH (\d+)", args, re.I)
            assert found is not None
            uid = int(found.group(1))
            self.inbox.fetched.append(uid)
            raw = self.inbox.messages[uid - 1]
            self.wfile.write(f"* {uid} FETCH (UID {uid} RFC822 {{{len(raw)}}}\r\n".encode()
                             + raw + b")\r\n")
        self._ok(tag)

    def _ok(self, tag: str) -> None:
        self._send(f"{tag} OK done".encode())

    def _send(self, line: bytes) -> None:
        self.wfile.write(line + b"\r\n")


@contextmanager
def imap_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    handler = type("Handler", (_Handler,), {"inbox": inbox})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield inbox, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()

"""A local Microsoft identity + Graph endpoint over HTTPS (a self-signed certificate made here).

Token (openid configuration and the token endpoint msal calls), drafts
(``POST /users/{id}/messages``), upload sessions (``createUploadSession`` + ``PUT`` chunks),
``send`` (moves the draft to Sent Items) and the Sent Items search by internetMessageId; it can
answer 429 with ``Retry-After``, and drop the connection after a send was accepted.
"""

from __future__ import annotations

import base64
import http.server
import json
import re
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from tests.certificates import self_signed


@dataclass
class GraphBox:
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    sent: list[dict[str, Any]] = field(default_factory=list)
    uploads: dict[str, bytearray] = field(default_factory=dict)
    throttle_send: int = 0
    """Answer this many /send calls with 429 first."""
    retry_after: str = "1"
    drop_after_send: int = 0
    calls: list[str] = field(default_factory=list)
    inbox: list[bytes] = field(default_factory=list)
    tokens: int = 0
    refuse_token: bool = False
    """Refuse the app's secret at the token endpoint (as Microsoft Entra does)."""
    missing_mailbox: bool = False
    """Answer calls on the mailbox with 404 ErrorInvalidUser (no such user)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def attachment_bytes(self, message: dict[str, Any]) -> dict[str, bytes]:
        found = {a["name"]: base64.b64decode(a["contentBytes"]) for a in message["attachments"]}
        found.update({name: bytes(data) for name, data in message.get("uploaded", {}).items()})
        return found


class _Handler(http.server.BaseHTTPRequestHandler):
    box: GraphBox
    base: str

    def do_GET(self) -> None:
        url = urlparse(self.path)
        with self.box.lock:
            self.box.calls.append(f"GET {url.path}")
        if url.path.endswith("/.well-known/openid-configuration"):
            tenant = url.path.split("/")[1]
            self._json(200, {"token_endpoint": f"{self.base}/{tenant}/oauth2/v2.0/token",
                             "authorization_endpoint": f"{self.base}/{tenant}/oauth2/v2.0/"
                             "authorize", "issuer": f"{self.base}/{tenant}/v2.0"})
        elif url.path.endswith("/mailFolders/inbox/messages"):
            self._json(200, {"value": [{"id": f"in-{n}"} for n in range(len(self.box.inbox))]})
        elif url.path.endswith("/$value"):
            raw = self.box.inbox[int(url.path.split("/")[-2].split("-")[1])]
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
        elif url.path.endswith("/mailFolders/sentitems/messages"):
            wanted = re.search(r"internetMessageId eq '(.*)'",
                               parse_qs(url.query)["$filter"][0])
            value = [{"id": m["id"], "internetMessageId": m["internetMessageId"]}
                     for m in self.box.sent
                     if wanted and m["internetMessageId"] == wanted.group(1)]
            self._json(200, {"value": value})
        else:
            self._json(404, {"error": {"code": "NotFound"}})

    def do_POST(self) -> None:
        path = unquote(urlparse(self.path).path)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        box = self.box
        with box.lock:
            box.calls.append(f"POST {path}")
            if path.endswith("/oauth2/v2.0/token") and box.refuse_token:
                return self._json(401, {"error": "invalid_client", "error_description":
                                        "AADSTS7000215: Invalid client secret provided."})
            if path.endswith("/oauth2/v2.0/token"):
                box.tokens += 1
                return self._json(200, {"access_token": "token-1", "token_type": "Bearer",
                                        "expires_in": 3600})
            if self.headers.get("Authorization") != "Bearer token-1":
                return self._json(401, {"error": {"code": "InvalidAuthenticationToken"}})
            if box.missing_mailbox:
                return self._json(404, {"error": {"code": "ErrorInvalidUser",
                                                  "message": "User not found"}})
            if path.endswith("/messages"):
                draft = json.loads(body)
                draft["id"] = f"draft-{len(box.drafts) + 1}"
                box.drafts[draft["id"]] = draft
                return self._json(201, {"id": draft["id"]})
            if path.endswith("/attachments/createUploadSession"):
                draft_id = path.split("/")[-3]
                item = json.loads(body)["AttachmentItem"]
                key = f"{draft_id}|{item['name']}"
                box.uploads[key] = bytearray()
                return self._json(201, {"uploadUrl": f"{self.base}/upload/{draft_id}/"
                                                     f"{item['name']}"})
            if path.endswith("/send"):
                return self._send(path.split("/")[-2])
        self._json(404, {"error": {"code": "NotFound"}})

    def _send(self, draft_id: str) -> None:
        box = self.box
        if box.throttle_send:
            box.throttle_send -= 1
            self.send_response(429)
            self.send_header("Retry-After", box.retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        draft = box.drafts.pop(draft_id)
        draft["uploaded"] = {key.split("|", 1)[1]: data for key, data in box.uploads.items()
                             if key.startswith(f"{draft_id}|")}
        box.sent.append(draft)
        if box.drop_after_send and len(box.sent) >= box.drop_after_send:
            box.drop_after_send = 0
            self.connection.close()
            return None
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def do_PUT(self) -> None:
        parts = unquote(urlparse(self.path).path).split("/")
        data = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.box.lock:
            self.box.calls.append(f"PUT {self.headers.get('Content-Range')}")
            self.box.uploads[f"{parts[2]}|{parts[3]}"] += data
        self._json(200, {})

    def _json(self, status: int, data: Any) -> None:
        raw = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def graph_server(folder: Path) -> Iterator[tuple[GraphBox, str, Path]]:
    """Yields the mailbox, the base URL (https://127.0.0.1:port) and the CA file to trust."""
    cert, key = self_signed(folder, "graph")
    box = GraphBox()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"https://127.0.0.1:{server.server_address[1]}"
    server.RequestHandlerClass = type("Handler", (_Handler,), {"box": box, "base": base})
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box, base, cert
    finally:
        server.shutdown()
        server.server_close()

"""Exchange autodiscover on this machine: a DNS server and the SOAP autodiscover service.

exchangelib's autodiscover (its ``Autodiscovery`` class) first looks every host name up
with dnspython, then asks ``https://<mail domain>/autodiscover/autodiscover.svc`` — on port
443 always (an SRV record with another port is skipped) — with a ``GetUserSettings`` SOAP
request, and takes the EWS URL (``ExternalEwsUrl``), the mailbox's address
(``AutoDiscoverSMTPAddress``) and the EWS version (``EwsSupportedSchemas``) from the answer.

So the test runs: a DNS server on 127.0.0.1 (a free UDP port) answering every A question with
127.0.0.1 and every other with "no such name", which exchangelib's resolver is pointed at
through its ``Autodiscovery.DNS_RESOLVER_KWARGS``/``DNS_RESOLVER_ATTRS`` settings; and the
autodiscover service over HTTPS on 127.0.0.1:443 (a certificate made here, for ``localhost``)
for the mail domain ``localhost``. Listening on 443 needs root: :func:`autodiscover_server`
raises PermissionError otherwise (the test is then skipped).
"""

from __future__ import annotations

import base64
import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from tests.certificates import self_signed

ANS = "http://schemas.microsoft.com/exchange/2010/Autodiscover"
ANSWER = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope '
          'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
          'xmlns:a="http://www.w3.org/2005/08/addressing"><s:Header>'
          '<a:Action s:mustUnderstand="1">http://schemas.microsoft.com/exchange/2010/'
          'Autodiscover/Autodiscover/GetUserSettingsResponse</a:Action></s:Header><s:Body>'
          f'<GetUserSettingsResponseMessage xmlns="{ANS}"><Response '
          'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ErrorCode>NoError</ErrorCode>'
          '<ErrorMessage/><UserResponses><UserResponse><ErrorCode>NoError</ErrorCode>'
          '<ErrorMessage>No error.</ErrorMessage><UserSettingErrors/><UserSettings>{settings}'
          '</UserSettings></UserResponse></UserResponses></Response>'
          '</GetUserSettingsResponseMessage></s:Body></s:Envelope>')


@dataclass
class Discovery:
    """What the autodiscover service answers, and what it and the DNS server were asked."""

    ews_url: str
    address: str
    """The mailbox's own address (AutoDiscoverSMTPAddress)."""
    requests: list[str] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    dns_questions: list[str] = field(default_factory=list)
    dns_port: int = 0

    def settings(self) -> str:
        values = {"ExternalEwsUrl": self.ews_url, "InternalEwsUrl": self.ews_url,
                  "AutoDiscoverSMTPAddress": self.address,
                  "EwsSupportedSchemas": "Exchange2013, Exchange2013_SP1, Exchange2016"}
        return "".join(f'<UserSetting i:type="StringSetting"><Name>{name}</Name>'
                       f"<Value>{escape(value)}</Value></UserSetting>"
                       for name, value in values.items())


class _Autodiscover(http.server.BaseHTTPRequestHandler):
    discovery: Discovery

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        given = self.headers.get("Authorization", "")
        if not given.startswith("Basic ") or "/autodiscover/autodiscover.svc" not in self.path:
            self.send_response(401)  # exchangelib learns the login method from this
            self.send_header("WWW-Authenticate", 'Basic realm="autodiscover"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.discovery.logins.append(base64.b64decode(given[6:]).decode().partition(":")[0])
        self.discovery.requests.append(body)
        data = ANSWER.replace("{settings}", self.discovery.settings()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def _dns(sock: socket.socket, discovery: Discovery, stop: threading.Event) -> None:
    import dns.message
    import dns.rcode
    import dns.rdatatype
    import dns.rrset

    sock.settimeout(0.2)
    while not stop.is_set():
        try:
            wire, peer = sock.recvfrom(4096)
        except TimeoutError:
            continue
        query = dns.message.from_wire(wire)
        answer = dns.message.make_response(query)
        for question in query.question:
            kind = dns.rdatatype.to_text(question.rdtype)
            discovery.dns_questions.append(f"{question.name} {kind}")
            if question.rdtype == dns.rdatatype.A:
                answer.answer.append(dns.rrset.from_text(question.name, 60, "IN", "A",
                                                         "127.0.0.1"))
            else:
                answer.set_rcode(dns.rcode.NXDOMAIN)
        sock.sendto(answer.to_wire(), peer)


@contextmanager
def autodiscover_server(folder: Path, ews_url: str,
                        address: str) -> Iterator[tuple[Discovery, Path]]:
    """DNS on 127.0.0.1 and autodiscover on https://localhost/ (127.0.0.1:443); yields what
    they record and the certificate to trust (PermissionError without root)."""
    discovery = Discovery(ews_url, address)
    handler = type("Handler", (_Autodiscover,), {"discovery": discovery})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 443), handler)
    cert, key = self_signed(folder, "autodiscover", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    dns_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dns_socket.bind(("127.0.0.1", 0))
    discovery.dns_port = dns_socket.getsockname()[1]
    stop = threading.Event()
    threads = [threading.Thread(target=server.serve_forever, daemon=True),
               threading.Thread(target=_dns, args=(dns_socket, discovery, stop), daemon=True)]
    for thread in threads:
        thread.start()
    try:
        yield discovery, cert
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        threads[1].join(timeout=2)
        dns_socket.close()

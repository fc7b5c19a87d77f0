"""A small local EWS endpoint answering the SOAP calls exchangelib makes to send and find mail.

It answers GetFolder (any distinguished folder), CreateItem with MessageDisposition
SendAndSaveCopy (keeps the MIME as "sent" and in Sent Items), FindItem in Sent Items
(restriction on InternetMessageId), and can answer ErrorServerBusy with a BackOffMilliseconds
hint, or drop the connection after accepting a message, as Exchange does under load.
"""

from __future__ import annotations

import base64
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default
from xml.sax.saxutils import escape, unescape

SOAP = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope '
        'xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" '
        'xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><s:Header>'
        '<t:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" '
        'MinorBuildNumber="6" Version="V2017_07_11"/></s:Header><s:Body>{}</s:Body>'
        '</s:Envelope>')


@dataclass
class Mailbox:
    sent: list[bytes] = field(default_factory=list)
    """MIME of every message accepted (CreateItem SendAndSaveCopy)."""
    requests: list[str] = field(default_factory=list)
    inbox: list[bytes] = field(default_factory=list)
    """MIME of the messages in the Inbox (replies and bounces for the fetch)."""
    busy: int = 0
    """Answer this many CreateItem calls with ErrorServerBusy first."""
    back_off_ms: int = 150
    drop_after_accept: int = 0
    """Drop the connection after accepting this many messages (no answer)."""
    logins: list[str] = field(default_factory=list)
    """The user name of each request's basic login (who connects)."""
    password: str = ""
    """When set, a request whose basic login has another password gets 401."""
    missing_mailbox: bool = False
    """Answer every call with ErrorNonExistentMailbox (the mailbox does not exist)."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def message_ids(self) -> list[str]:
        return [str(message_from_bytes(raw, policy=default)["Message-ID"]) for raw in self.sent]


def _folder(name: str) -> str:
    return (f'<t:Folder><t:FolderId Id="{name}-id" ChangeKey="ck"/>'
            f'<t:DisplayName>{name}</t:DisplayName><t:FolderClass>IPF.Note</t:FolderClass>'
            '<t:TotalCount>0</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount>'
            '<t:UnreadCount>0</t:UnreadCount></t:Folder>')


def _ok(service: str, *inners: str) -> str:
    messages = "".join(f'<m:{service}ResponseMessage ResponseClass="Success"><m:ResponseCode>'
                       f'NoError</m:ResponseCode>{inner}</m:{service}ResponseMessage>'
                       for inner in inners or ("",))
    return (f"<m:{service}Response><m:ResponseMessages>{messages}</m:ResponseMessages>"
            f"</m:{service}Response>")


def _busy(back_off_ms: int) -> str:
    return ('<s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/'
            '2006/types">a:ErrorServerBusy</faultcode><faultstring>The server cannot service '
            'this request right now. Try again later.</faultstring><detail>'
            '<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/'
            'errors">ErrorServerBusy</e:ResponseCode><e:Message xmlns:e="http://schemas.'
            'microsoft.com/exchange/services/2006/errors">The server cannot service this request'
            ' right now. Try again later.</e:Message><t:MessageXml xmlns:t="http://schemas.'
            'microsoft.com/exchange/services/2006/types"><t:Value Name="BackOffMilliseconds">'
            f'{back_off_ms}</t:Value></t:MessageXml></detail></s:Fault>')


def _no_mailbox(body: str) -> str:
    service = re.search(r"<m:(\w+)[ >]", body)
    name = service.group(1) if service else "GetFolder"
    return (f'<m:{name}Response><m:ResponseMessages><m:{name}ResponseMessage '
            'ResponseClass="Error"><m:MessageText>The SMTP address has no mailbox associated '
            'with it.</m:MessageText><m:ResponseCode>ErrorNonExistentMailbox</m:ResponseCode>'
            f'<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:{name}ResponseMessage>'
            f'</m:ResponseMessages></m:{name}Response>')


class _Handler(http.server.BaseHTTPRequestHandler):
    mailbox: Mailbox

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        box = self.mailbox
        given = self.headers.get("Authorization", "")
        if given.startswith("Basic "):
            box.logins.append(base64.b64decode(given[6:]).decode().partition(":")[0])
        if box.password and not self._logged_in(box.password):
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="EWS"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with box.lock:
            box.requests.append(body)
            status, answer = (200, _no_mailbox(body)) if box.missing_mailbox else \
                self._answer(body, box)
        if answer is None:
            self.connection.close()  # accepted, then the connection drops: no answer
            return
        data = SOAP.format(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _logged_in(self, password: str) -> bool:
        given = self.headers.get("Authorization", "")
        if not given.startswith("Basic "):
            return False
        return base64.b64decode(given[6:]).decode().partition(":")[2] == password

    def _answer(self, body: str, box: Mailbox) -> tuple[int, str | None]:
        if "<m:GetFolder>" in body:
            names = re.findall(r'DistinguishedFolderId Id="(\w+)"', body)
            return 200, _ok("GetFolder", *(f"<m:Folders>{_folder(n)}</m:Folders>"
                                           for n in names))
        if "<m:CreateItem" in body:
            if box.busy:
                box.busy -= 1
                return 500, _busy(box.back_off_ms)
            mime = re.search(r"<t:MimeContent[^>]*>([^<]+)</t:MimeContent>", body)
            assert mime is not None and 'MessageDisposition="SendAndSaveCopy"' in body
            box.sent.append(base64.b64decode(mime.group(1)))
            if box.drop_after_accept and len(box.sent) >= box.drop_after_accept:
                box.drop_after_accept = 0
                return 200, None
            return 200, _ok("CreateItem", "<m:Items/>")
        if "<m:FindItem" in body and 'DistinguishedFolderId Id="inbox"' in body:
            items = "".join(f'<t:Message><t:ItemId Id="in-{i}" ChangeKey="ck"/></t:Message>'
                            for i in range(len(box.inbox)))
            return 200, _ok("FindItem", f'<m:RootFolder TotalItemsInView="{len(box.inbox)}" '
                            f'IncludesLastItemInRange="true"><t:Items>{items}</t:Items>'
                            "</m:RootFolder>")
        if "<m:GetItem" in body:
            wanted = re.findall(r'<t:ItemId Id="in-(\d+)"', body)
            return 200, _ok("GetItem", *(
                f'<m:Items><t:Message><t:ItemId Id="in-{n}" ChangeKey="ck"/><t:MimeContent '
                f'CharacterSet="UTF-8">{base64.b64encode(box.inbox[int(n)]).decode()}'
                "</t:MimeContent></t:Message></m:Items>" for n in wanted))
        if "<m:FindItem" in body:
            wanted = re.search(r'<t:Constant Value="([^"]+)"', body)
            found = [i for i, mid in enumerate(box.message_ids())
                     if wanted is not None and mid == unescape(wanted.group(1))]
            items = "".join(f'<t:Message><t:ItemId Id="item-{i}" ChangeKey="ck"/>'
                            f"<t:InternetMessageId>{escape(box.message_ids()[i])}"
                            "</t:InternetMessageId></t:Message>" for i in found)
            return 200, _ok("FindItem", f'<m:RootFolder TotalItemsInView="{len(found)}" '
                            f'IncludesLastItemInRange="true"><t:Items>{items}</t:Items>'
                            "</m:RootFolder>")
        return 500, _busy(0)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def ews_server() -> Iterator[tuple[Mailbox, str]]:
    """A running endpoint; yields its mailbox and its EWS URL."""
    box = Mailbox()
    handler = type("Handler", (_Handler,), {"mailbox": box})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box, f"http://127.0.0.1:{server.server_address[1]}/EWS/Exchange.asmx"
    finally:
        server.shutdown()
        server.server_close()

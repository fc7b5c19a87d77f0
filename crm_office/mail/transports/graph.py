"""The Graph transport (Exchange Online / Microsoft 365): Microsoft Graph with an app
registration (client credentials; the token from msal, the calls with requests).

Each message is created as a draft in the mailbox (``POST /users/{id}/messages``: subject,
bodies, recipient, its Message-ID and X-CRM-Office-Key header, attachments up to 3 MB inline;
the HTML's pictures as inline file attachments with ``isInline`` and their ``contentId``)
and then sent (``POST .../messages/{id}/send``; Exchange keeps the copy in Sent Items).
Attachments over 3 MB go through an upload session in chunks. A 429 or 503 answer is retried
after its ``Retry-After``; a draft made but not sent yet is reused on the retry, so a
throttled send never makes a second message. A connection lost during ``send`` makes the
message uncertain; :meth:`find_sent` looks for its Message-ID in Sent Items.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from crm_office.catalogue import Text
from crm_office.errors import MailRejectedError, MailSetupError
from crm_office.mail.message import (
    KEY_HEADER,
    Attachment,
    InlineImage,
    OutgoingMessage,
    SendReceipt,
)
from crm_office.mail.transports.base import Transport, pacing

if TYPE_CHECKING:
    from crm_office.config.model import Config, GraphSettings

NAME = "graph"
INLINE_LIMIT = 3 * 1024 * 1024
CHUNK = 4 * 320 * 1024  # upload-session chunks must be multiples of 320 KiB


class GraphTransport(Transport):
    """Sends as one Microsoft 365 mailbox through Microsoft Graph."""

    name = NAME

    def __init__(self, settings: GraphSettings, mailbox: str, **options: Any) -> None:
        super().__init__(**options)
        self.settings = settings
        self.mailbox = settings.mailbox or mailbox
        self._session: Any = None
        self._app: Any = None
        self._drafts: dict[str, str] = {}

    @property
    def can_find_sent(self) -> bool:
        return True

    def send(self, message: OutgoingMessage) -> SendReceipt:
        draft = self._drafts.get(message.message_id)
        if draft is None:
            draft = self._draft(message)
            self._drafts[message.message_id] = draft
        try:
            self._call("POST", f"{self._user()}/messages/{draft}/send", sending=message)
        except MailRejectedError:
            self._drafts.pop(message.message_id, None)
            raise
        self._drafts.pop(message.message_id, None)
        return SendReceipt(message.key, message.message_id, NAME, message.to,
                           dt.datetime.now(dt.UTC), detail=f"sent by {self.mailbox}")

    def find_sent(self, message: OutgoingMessage) -> SendReceipt | None:
        wanted = message.message_id.replace("'", "''")
        answer = self._call("GET", f"{self._user()}/mailFolders/sentitems/messages",
                            params={"$filter": f"internetMessageId eq '{wanted}'",
                                    "$select": "id,internetMessageId"})
        if not answer.get("value"):
            return None
        return SendReceipt(message.key, message.message_id, NAME, message.to,
                           dt.datetime.now(dt.UTC), detail="found in Sent Items")

    def _draft(self, message: OutgoingMessage) -> str:
        small = [a for a in message.attachments if len(a.read()) <= INLINE_LIMIT]
        large = [a for a in message.attachments if a not in small]
        pictures = message.inline if message.html else ()
        body = {"subject": message.subject,
                "body": {"contentType": "HTML" if message.html else "Text",
                         "content": message.html or message.text},
                "toRecipients": [{"emailAddress": {"address": message.to,
                                                   "name": message.to_name}}],
                "internetMessageId": message.message_id,
                "internetMessageHeaders": [{"name": KEY_HEADER, "value": message.key}],
                "attachments": [*(_inline(a) for a in small),
                                *(_picture(image) for image in pictures)]}
        draft = str(self._call("POST", f"{self._user()}/messages", json=body)["id"])
        for attachment in large:
            self._upload(draft, attachment)
        return draft

    def _upload(self, draft: str, attachment: Attachment) -> None:
        data = attachment.read()
        session = self._call("POST", f"{self._user()}/messages/{draft}/attachments/"
                             "createUploadSession", json={"AttachmentItem": {
                                 "attachmentType": "file", "name": attachment.filename,
                                 "size": len(data)}})
        url = session["uploadUrl"]
        for start in range(0, len(data), CHUNK):
            chunk = data[start:start + CHUNK]
            self._call("PUT", url, data=chunk, absolute=True, headers={
                "Content-Range": f"bytes {start}-{start + len(chunk) - 1}/{len(data)}",
                "Content-Type": "application/octet-stream"})

    def _user(self) -> str:
        return f"{self.settings.api.rstrip('/')}/users/{quote(self.mailbox)}"

    def _call(self, method: str, url: str, *, sending: OutgoingMessage | None = None,
              absolute: bool = False, headers: dict[str, str] | None = None,
              **options: Any) -> dict[str, Any]:
        from crm_office.mail.transports.graph_http import call

        session = self._live_session()
        auth = {} if absolute else {"Authorization": f"Bearer {self._token()}"}
        return call(session, method, url, headers={**auth, **(headers or {})},
                    sending=sending, **options)

    def _live_session(self) -> Any:
        if self._session is None:
            import requests

            self._session = requests.Session()
        return self._session

    def _token(self) -> str:
        from crm_office.mail.transports.graph_http import token

        if self._app is None:
            self._app = _application(self.settings, self._live_session())
        return token(self._app)

    def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.close()


def inbox_messages(settings: GraphSettings, mailbox: str,
                   skip: set[str]) -> Iterator[tuple[str, bytes]]:
    """(``graph:<id>``, MIME) of every Inbox message; those in ``skip`` not downloaded."""
    from crm_office.mail.transports.graph_http import call_raw

    transport = GraphTransport(settings, mailbox)
    try:
        url: str | None = f"{transport._user()}/mailFolders/inbox/messages?$select=id&$top=100"
        while url:
            page = transport._call("GET", url)
            for item in page.get("value", []):
                name = f"graph:{item['id']}"
                if name in skip:
                    yield name, b""
                    continue
                answer = call_raw(transport._live_session(), "GET",
                                  f"{transport._user()}/messages/{item['id']}/$value",
                                  headers={"Authorization": f"Bearer {transport._token()}"},
                                  sending=None)
                yield name, bytes(answer.content)
            url = page.get("@odata.nextLink")
    finally:
        transport.close()


def _application(settings: GraphSettings, session: Any) -> Any:
    import msal

    authority = f"{settings.authority.rstrip('/')}/{settings.tenant_id}"
    secret = settings.client_secret.reveal() if settings.client_secret else ""
    known = settings.authority.startswith("https://login.microsoftonline.com")
    try:
        return msal.ConfidentialClientApplication(
            settings.client_id, client_credential=secret, authority=authority,
            http_client=session, instance_discovery=known)
    except ValueError as exc:
        raise MailSetupError(Text("mail.error.token", host=authority, reason=str(exc)),
                             transport=NAME, reason="auth",
                             hint=Text("mail.hint.host", key="mail.graph.authority")) from exc


def _inline(attachment: Attachment) -> dict[str, Any]:
    main, sub = attachment.content_type
    return {"@odata.type": "#microsoft.graph.fileAttachment", "name": attachment.filename,
            "contentType": f"{main}/{sub}",
            "contentBytes": base64.b64encode(attachment.read()).decode()}


def _picture(image: InlineImage) -> dict[str, Any]:
    """A picture the HTML shows as ``cid:{contentId}``."""
    return {"@odata.type": "#microsoft.graph.fileAttachment", "name": image.name,
            "contentType": f"image/{image.subtype}", "isInline": True,
            "contentId": image.cid, "contentBytes": base64.b64encode(image.data).decode()}


def from_config(config: Config) -> Transport:
    return GraphTransport(config.mail.graph, config.mail.sender, **pacing(config))



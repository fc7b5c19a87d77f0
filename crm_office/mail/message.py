"""The neutral message every transport takes, the receipt it gives back, and its MIME form.

:class:`OutgoingMessage` knows nothing of SMTP, EWS or Graph; :func:`build_mime` turns it into
a standard MIME message (multipart/alternative for text and HTML, pictures shown in the HTML
as multipart/related parts named by Content-ID, attachments with UTF-8 file names per RFC 2231,
subjects and names per RFC 2047). Header injection is impossible: every
header text is cleaned of line breaks and control characters, and an address with anything
but an address in it is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

from crm_office.catalogue import Text
from crm_office.errors import MailRejectedError
from crm_office.validate.rules.email import is_email

KEY_HEADER = "X-CRM-Office-Key"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def clean_header(text: str) -> str:
    """A header text with every line break and control character made one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def check_address(text: str) -> str:
    """The address itself (trimmed); anything that is not one address is refused."""
    address = text.strip()
    if not address or _CONTROL.search(address) or not is_email(address):
        raise MailRejectedError(Text("mail.invalid-address", address=clean_header(text)),
                                transport="message", reason="invalid-address",
                                hint=Text("mail.hint.fix-address"))
    return address


def message_id_for(key: str, sender: str) -> str:
    """A stable Message-ID made from the journal key: the same message, the same ID."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = sender.rpartition("@")[2] or "crm-office.invalid"
    return f"<crm-office.{digest}@{clean_header(domain)}>"


@dataclass(frozen=True)
class Attachment:
    """A file to attach: its bytes come from ``path`` or ``data``."""

    filename: str
    path: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        if self.path is None:
            raise ValueError(f"attachment {self.filename} has neither a path nor data")
        return self.path.read_bytes()

    @property
    def content_type(self) -> tuple[str, str]:
        kind = mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        main, _, sub = kind.partition("/")
        return main, sub


_CONTENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,120}")


@dataclass(frozen=True)
class InlineImage:
    """A picture shown in the HTML body as ``<img src="cid:{cid}">`` (not an attachment)."""

    cid: str
    data: bytes
    filename: str = ""
    subtype: str = "png"

    def __post_init__(self) -> None:
        if not _CONTENT_ID.fullmatch(self.cid):
            raise ValueError(f"'{clean_header(self.cid)}' cannot be a Content-ID "
                             "(letters, digits and . _ @ - only)")
        if not re.fullmatch(r"[a-z0-9.+-]{1,40}", self.subtype):
            raise ValueError(f"'{clean_header(self.subtype)}' is not an image type")

    @property
    def name(self) -> str:
        return self.filename or f"{self.cid.partition('@')[0]}.{self.subtype}"


@dataclass(frozen=True)
class OutgoingMessage:
    """One message to one recipient, as the campaign made it."""

    sender: str
    to: str
    subject: str
    text: str
    html: str = ""
    attachments: tuple[Attachment, ...] = ()
    key: str = ""
    """The journal key (campaign and recipient): carried in X-CRM-Office-Key."""
    sender_name: str = ""
    to_name: str = ""
    unsubscribe: str = ""
    """The mailto address for opting out (List-Unsubscribe); empty for a test message."""
    date: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    inline: tuple[InlineImage, ...] = ()
    """Pictures the HTML shows by Content-ID; ignored when there is no HTML body."""

    @property
    def message_id(self) -> str:
        return message_id_for(self.key or f"{self.to}|{self.subject}|{self.date}", self.sender)


@dataclass(frozen=True)
class SendReceipt:
    """What the transport says happened to one message it took."""

    key: str
    message_id: str
    transport: str
    to: str
    sent_at: dt.datetime
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "message_id": self.message_id, "transport": self.transport,
                "to": self.to, "sent_at": self.sent_at.isoformat(), "detail": self.detail}


def mime_bytes(message: OutgoingMessage) -> bytes:
    """The message as standard MIME for the wire (CRLF line ends), every header safe."""
    from crm_office.mail.mime import address_header, encoded_header, write_mime

    headers = [("From", address_header(clean_header(message.sender_name),
                                       check_address(message.sender))),
               ("To", address_header(clean_header(message.to_name), check_address(message.to))),
               ("Subject", encoded_header(clean_header(message.subject))),
               ("Message-ID", message.message_id)]
    if message.key:
        headers.append((KEY_HEADER, encoded_header(clean_header(message.key))))
    if message.unsubscribe:
        target = check_address(message.unsubscribe)
        headers.append(("List-Unsubscribe", f"<mailto:{target}?subject=unsubscribe>"))
    names = [clean_header(attachment.filename) for attachment in message.attachments]
    return write_mime(message, headers, names)


def build_mime(message: OutgoingMessage) -> EmailMessage:
    """The message as an :class:`EmailMessage` (parsed back from :func:`mime_bytes`)."""
    parsed = message_from_bytes(mime_bytes(message), policy=SMTP)
    assert isinstance(parsed, EmailMessage)
    return parsed

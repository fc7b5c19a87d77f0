"""The report and reminder mails as neutral data, and ``deliver`` (for now: .eml files).

:class:`OutgoingMail` says everything a transport needs (recipient, subject, plain text
and HTML, PNG pictures shown inline by content ID, attachments). :func:`deliver` writes
each one as a ``.eml`` file into ``output/outbox/`` with Python's email package; once
the mailing transports have landed it hands the messages to the configured transport.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_office.config.model import Config

log = logging.getLogger(__name__)
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime: tuple[str, str] = XLSX


@dataclass(frozen=True)
class OutgoingMail:
    """One mail of the analysis (a weekly report, a morning list, a payment reminder)."""

    to: str
    subject: str
    text: str
    html: str = ""
    pictures: dict[str, bytes] = field(default_factory=dict)
    """Content ID -> PNG, shown in the HTML as ``<img src="cid:ID">``."""
    attachments: tuple[Attachment, ...] = ()
    kind: str = "report"


def paragraphs_html(title: str, lines: list[str], pictures: list[str]) -> str:
    """A short HTML body: a title, lines as a list, then the pictures."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    images = "".join(f'<p><img src="cid:{cid}" alt="{cid}"></p>' for cid in pictures)
    return (f"<html><body><h2>{html.escape(title)}</h2><ul>{items}</ul>{images}"
            "</body></html>")


def to_email(mail: OutgoingMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender or "crm-office@localhost"
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="crm-office.local")
    message.set_content(mail.text)
    if mail.html:
        body = mail.html
        ids = {cid: make_msgid(domain="crm-office.local") for cid in mail.pictures}
        for cid, msgid in ids.items():
            body = body.replace(f"cid:{cid}\"", f"cid:{msgid[1:-1]}\"")
        message.add_alternative(body, subtype="html")
        alternative = message.get_payload()[1]  # type: ignore[index]
        if not isinstance(alternative, EmailMessage):
            raise TypeError("the HTML part of a mail is not a message")
        for cid, png in mail.pictures.items():
            alternative.add_related(png, "image", "png", cid=ids[cid])
    for item in mail.attachments:
        message.add_attachment(item.data, maintype=item.mime[0], subtype=item.mime[1],
                               filename=item.filename)
    return message


def deliver(config: Config, messages: list[OutgoingMail]) -> list[Path]:
    """Hand the messages over; for now each becomes a .eml file in ``output/outbox/``."""
    folder = config.mail.outbox
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number, mail in enumerate(messages, start=1):
        name = f"{stamp}-{mail.kind}-{_safe(mail.to)}-{number:03d}.eml"
        path = folder / name
        path.write_bytes(bytes(to_email(mail, config.mail.sender)))
        written.append(path)
        log.info("mail to %s put into the outbox: %s", mail.to, path.name)
    return written


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", text)[:60] or "nobody"

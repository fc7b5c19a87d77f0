"""Read one mailbox message: is it a reply to one of ours, a delivery failure, or neither?

Pure functions over the raw message; matching is by ``In-Reply-To``/``References`` against the
Message-IDs the journal gave out, or by the ``X-CRM-Office-Key`` header (in the reply, or in the
returned original of a bounce); a bounce names the failed address in its delivery-status part.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage, Message
from email.policy import default
from email.utils import parsedate_to_datetime

from crm_office.mail.message import KEY_HEADER

_MSGID = re.compile(r"<[^<>\s]+>")
_RECIPIENT = re.compile(r"^(?:Final|Original)-Recipient:\s*rfc822;\s*(\S+)", re.I | re.M)
_STATUS = re.compile(r"^(?:Diagnostic-Code|Status):\s*(.+)$", re.I | re.M)
_KEY = re.compile(rf"^{KEY_HEADER}:\s*(\S+)", re.I | re.M)


@dataclass(frozen=True)
class Inbound:
    """What a mailbox message is, for the fetch."""

    kind: str
    """``reply``, ``bounce`` or ``other``."""
    sender: str
    subject: str
    date: dt.date
    refs: tuple[str, ...]
    """Message-IDs it answers (In-Reply-To, References)."""
    key: str
    """The X-CRM-Office-Key it carries or quotes ("" when none)."""
    bounced: str
    """The address that failed (bounces only)."""
    reason: str
    excerpt: str


def read_inbound(raw: bytes, today: dt.date) -> Inbound:
    parsed = message_from_bytes(raw, policy=default)
    assert isinstance(parsed, EmailMessage)
    sender = str(parsed.get("From", ""))
    subject = " ".join(str(parsed.get("Subject", "")).split())
    refs = tuple(_MSGID.findall(f"{parsed.get('In-Reply-To', '')} "
                                f"{parsed.get('References', '')}"))
    when = _date(parsed, today)
    if _is_bounce(parsed, sender):
        report = _report_text(parsed)
        failed = _RECIPIENT.search(report)
        status = _STATUS.findall(report)
        quoted = _KEY.search(report)
        return Inbound("bounce", sender, subject, when, refs,
                       quoted.group(1) if quoted else "",
                       failed.group(1).strip("<>").lower() if failed else "",
                       "; ".join(s.strip() for s in status) or subject, "")
    key = str(parsed.get(KEY_HEADER, "") or "")
    return Inbound("reply", sender, subject, when, refs, key, "", "", _excerpt(parsed))


def _is_bounce(parsed: EmailMessage, sender: str) -> bool:
    if parsed.get_content_type() == "multipart/report":
        return True
    local = sender.lower()
    return "mailer-daemon" in local or "postmaster@" in local


def _report_text(parsed: EmailMessage) -> str:
    """Every text-like part of a bounce (delivery status, returned headers or message)."""
    texts: list[str] = []
    for part in parsed.walk():
        kind = part.get_content_type()
        if kind in ("message/delivery-status", "text/rfc822-headers", "text/plain"):
            texts.append(_part_text(part))
        elif kind == "message/rfc822":
            texts.append(str(part.get_payload(0)) if part.is_multipart() else "")
    return "\n".join(texts)


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload.decode("utf-8", errors="replace")
    if isinstance(part.get_payload(), list):  # delivery-status: a list of header blocks
        return "\n".join(str(block) for block in part.get_payload())
    return str(part.get_payload())


def _excerpt(parsed: EmailMessage) -> str:
    body = parsed.get_body(("plain", "html"))
    text = body.get_content() if body is not None else ""
    if body is not None and body.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.startswith(">")]
    cut = []
    for line in lines:
        if line.lower().startswith(("on ", "-----original", "from:")) or line.endswith("wrote:"):
            break
        cut.append(line)
    return " ".join(" ".join(cut[:3]).split())[:300]


def _date(parsed: EmailMessage, today: dt.date) -> dt.date:
    try:
        return parsedate_to_datetime(str(parsed["Date"])).date()
    except (TypeError, ValueError):
        return today

"""The outbox transport: every message becomes an ``.eml`` file in ``output/outbox/``.

No server is needed, so a new office sees real messages on its first run. A file is written
whole or not at all (temporary name, then rename), and its name comes from the journal key
made safe, so the same message twice is the same file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_office.catalogue import Text
from crm_office.errors import MailSetupError
from crm_office.mail.message import OutgoingMessage, SendReceipt, mime_bytes
from crm_office.mail.transports.base import Transport, pacing

if TYPE_CHECKING:
    from crm_office.config.model import Config

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def eml_name(message: OutgoingMessage) -> str:
    """A file name for the message that cannot leave the folder."""
    base = _UNSAFE.sub("_", message.key or message.to).strip("._")[:80] or "message"
    digest = hashlib.sha256(message.message_id.encode()).hexdigest()[:8]
    return f"{base}-{digest}.eml"


class OutboxTransport(Transport):
    """Writes each message as an .eml file into ``folder``."""

    name = "outbox"

    def __init__(self, folder: Path, **options: Any) -> None:
        super().__init__(**options)
        self.folder = folder

    def send(self, message: OutgoingMessage) -> SendReceipt:
        data = mime_bytes(message)
        target = self.folder / eml_name(message)
        temporary = target.with_name(f".{target.name}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(data)
            temporary.replace(target)  # an .eml of our own, not a staff workbook
        except OSError as exc:
            raise MailSetupError(Text("mail.outbox-unwritable", target=target,
                                      reason=exc.strerror or exc),
                                 transport=self.name, reason="folder",
                                 hint=Text("mail.outbox-fix")) from exc
        return SendReceipt(message.key, message.message_id, self.name, message.to,
                           dt.datetime.now(dt.UTC), detail=str(target))

    def find_sent(self, message: OutgoingMessage) -> SendReceipt | None:
        target = self.folder / eml_name(message)
        if not target.exists():
            return None
        return SendReceipt(message.key, message.message_id, self.name, message.to,
                           dt.datetime.fromtimestamp(target.stat().st_mtime, dt.UTC),
                           detail=str(target))

    @property
    def can_find_sent(self) -> bool:
        return True


def from_config(config: Config) -> Transport:
    return OutboxTransport(config.mail.outbox, **pacing(config))

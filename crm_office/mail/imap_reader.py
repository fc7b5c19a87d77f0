"""Read a mailbox over IMAP (the standard library's imaplib), read-only.

Each message is named ``imap:<folder>:<UIDVALIDITY>:<UID>``, so the fetch remembers what it
read even when the server renumbers. imaplib, socket and ssl exceptions become MailSetupError.
"""

from __future__ import annotations

import imaplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from crm_office.catalogue import Text
from crm_office.errors import MailSetupError
from crm_office.mail.transports.network import connect_error

if TYPE_CHECKING:
    from crm_office.config.model import ImapSettings



@contextmanager
def _errors(where: tuple[str, int]) -> Iterator[None]:
    host, port = where
    try:
        yield
    except imaplib.IMAP4.error as exc:
        raise MailSetupError(Text("mail.error.auth", host=f"{host}:{port}",
                                  reason=_said(exc)), transport="imap", reason="auth",
                             hint=Text("mail.hint.login", key="mail.imap.username")) from exc
    except OSError as exc:
        raise connect_error(exc, transport="imap", host=host, port=port,
                            section="mail.imap") from exc


def _said(exc: Exception) -> str:
    """What the IMAP server answered (imaplib puts it in the exception as bytes)."""
    text = str(exc.args[0] if exc.args else exc)
    return text[2:-1] if text.startswith(("b'", 'b"')) else text


def imap_messages(settings: ImapSettings, skip: set[str]) -> Iterator[tuple[str, bytes]]:
    """(mailbox id, raw message) of every message in the folder; those in ``skip`` are
    named but not downloaded (empty bytes)."""
    where = (settings.host, settings.port)
    with _errors(where):
        client = (imaplib.IMAP4_SSL(settings.host, settings.port, timeout=30)
                  if settings.tls == "implicit"
                  else imaplib.IMAP4(settings.host, settings.port, timeout=30))
    try:
        with _errors(where):
            if settings.tls == "starttls":
                client.starttls(ssl.create_default_context())
            password = settings.password.reveal() if settings.password else ""
            client.login(settings.username, password)
            _, _data = client.select(f'"{settings.folder}"', readonly=True)
            validity = _uid_validity(client)
            _, found = client.uid("SEARCH", "ALL")
            uids = found[0].split() if found and found[0] else []
        for uid in uids:
            name = f"imap:{settings.folder}:{validity}:{uid.decode()}"
            if name in skip:
                yield name, b""
                continue
            with _errors(where):
                _, parts = client.uid("FETCH", uid, "(RFC822)")
            raw = next((part[1] for part in parts if isinstance(part, tuple)), b"")
            yield name, raw
    finally:
        with suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def _uid_validity(client: imaplib.IMAP4) -> str:
    _, values = client.response("UIDVALIDITY")
    value = values[0] if values and values[0] else b"0"
    return value.decode() if isinstance(value, bytes) else str(value)

"""A socket or TLS failure while connecting to a mail server, as its own ``MailSetupError``.

SMTP and IMAP (standard library) share it: an unknown host, a refused connection (no server
on that port), a TLS failure and any other network failure each get their own message from
the catalogue, so a Russian office reads Russian; what the system said stays as it said it.
"""

from __future__ import annotations

import socket
import ssl

from crm_office.catalogue import Text
from crm_office.errors import MailSetupError


def connect_error(exc: OSError, *, transport: str, host: str, port: int,
                  section: str) -> MailSetupError:
    """``exc`` (raised while connecting to ``host:port``) as a MailSetupError;
    ``section`` is the config section named in the hint (``mail.smtp``)."""
    where = f"{host}:{port}"
    if isinstance(exc, ssl.SSLError):
        return MailSetupError(Text("mail.error.tls", host=where, reason=str(exc)),
                              transport=transport, reason="tls",
                              hint=Text("mail.hint.tls", key=f"{section}.tls",
                                        starttls="starttls", implicit="implicit"))
    if isinstance(exc, socket.gaierror):
        return MailSetupError(Text("mail.error.unknown-host", host=host), transport=transport,
                              reason="unknown-host",
                              hint=Text("mail.hint.host", key=f"{section}.host"))
    if isinstance(exc, ConnectionRefusedError):
        return MailSetupError(Text("mail.error.connection-refused", host=host, port=port),
                              transport=transport, reason="unreachable",
                              hint=Text("mail.hint.port", key=f"{section}.host"))
    return MailSetupError(Text("mail.error.unreachable", host=where, reason=str(exc)),
                          transport=transport, reason="unreachable",
                          hint=Text("mail.hint.network", key=f"{section}.host"))

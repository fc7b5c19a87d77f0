"""The SMTP transport (smtplib): plain, STARTTLS or implicit TLS; password or XOAUTH2.

One connection is kept for the whole run. The envelope is sent step by step so the adapter
knows exactly where a failure happened: before the message text was handed over nothing went
out (a dropped connection is reconnected and retried); once the text is on its way and the
server's answer never comes, the message *may* have gone out (``MailUncertainError``). Every
smtplib, socket and ssl exception is translated here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from crm_office.errors import (
    MailRejectedError,
    MailRetryError,
    MailSetupError,
    MailUncertainError,
)
from crm_office.mail.message import OutgoingMessage, SendReceipt, mime_bytes
from crm_office.mail.transports.base import Transport, pacing

if TYPE_CHECKING:
    from crm_office.config.model import Config, SmtpSettings

NAME = "smtp"
_DOT = re.compile(rb"(?m)^\.")


class SmtpTransport(Transport):
    """Sends through one SMTP server."""

    name = NAME

    def __init__(self, settings: SmtpSettings, **options: Any) -> None:
        super().__init__(**options)
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: OutgoingMessage) -> SendReceipt:
        data = mime_bytes(message)
        smtp = self._connection()
        with self._before_data():
            self._step(smtp, smtp.mail(message.sender), message)
            self._step(smtp, smtp.rcpt(message.to), message)
            self._step(smtp, smtp.docmd("DATA"), message, expect=354)
        try:
            smtp.send(_DOT.sub(b"..", data).rstrip(b"\r\n") + b"\r\n.\r\n")
            code, answer = smtp.getreply()
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise MailUncertainError(
                f"the connection broke while {message.to}'s message was handed over: {exc}",
                transport=NAME, reason="uncertain") from exc
        self._step(smtp, (code, answer), message)
        return SendReceipt(message.key, message.message_id, NAME, message.to,
                           dt.datetime.now(dt.UTC), detail=answer.decode(errors="replace"))

    def _step(self, smtp: smtplib.SMTP, reply: tuple[int, bytes], message: OutgoingMessage,
              expect: int = 0) -> None:
        code, answer = reply
        if code == expect or (not expect and 200 <= code < 300):
            return
        text = f"{code} {answer.decode(errors='replace')}"
        if code == 421:
            self._drop()
        else:
            self._reset(smtp)
        if 400 <= code < 500:
            raise MailRetryError(f"the server refused {message.to} for now: {text}",
                                 transport=NAME, reason=f"smtp-{code}")
        raise MailRejectedError(f"the server refused {message.to}: {text}", transport=NAME,
                                reason=f"smtp-{code}", hint="check the address with the client")

    @contextmanager
    def _before_data(self) -> Iterator[None]:
        """Before the text goes out, a broken connection lost nothing: reconnect, retry."""
        try:
            yield
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise MailRetryError(f"the connection to {self.settings.host} broke: {exc}",
                                 transport=NAME, retry_after=0, reason="disconnected") from exc

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = connect(self.settings)
        return self._smtp

    def _reset(self, smtp: smtplib.SMTP) -> None:
        try:
            smtp.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            with suppress(OSError):
                smtp.close()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """A logged-in connection; every failure its own clear message."""
    where = f"{settings.host}:{settings.port}"
    with setup_errors(where):
        smtp: smtplib.SMTP
        if settings.tls == "implicit":
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        smtp.ehlo()
        if settings.tls == "starttls":
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        _login(smtp, settings)
        return smtp


def _login(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    if settings.oauth_token is not None:
        token = settings.oauth_token.reveal()
        auth = f"user={settings.username}\x01auth=Bearer {token}\x01\x01"
        smtp.auth("XOAUTH2", lambda challenge=None: auth, initial_response_ok=True)
    elif settings.username and settings.password is not None:
        smtp.login(settings.username, settings.password.reveal())


@contextmanager
def setup_errors(where: str) -> Iterator[None]:
    """smtplib, socket and ssl failures while connecting, each as its own MailSetupError."""
    try:
        yield
    except smtplib.SMTPAuthenticationError as exc:
        raise MailSetupError(f"{where} refused the login: {exc.smtp_code} "
                             f"{_text(exc.smtp_error)}", transport=NAME,
                             reason="auth", hint="check mail.smtp.username and the password "
                             "(or the OAuth token) in its environment variable") from exc
    except (ssl.SSLError, ssl.CertificateError, smtplib.SMTPNotSupportedError) as exc:
        raise MailSetupError(f"TLS with {where} failed: {exc}", transport=NAME, reason="tls",
                             hint="check mail.smtp.tls (starttls on 587, implicit on 465) and "
                             "the server's certificate") from exc
    except socket.gaierror as exc:
        raise MailSetupError(f"unknown host {where.rsplit(':', 1)[0]}", transport=NAME,
                             reason="unknown-host", hint="check mail.smtp.host") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise MailSetupError(f"cannot reach {where}: {exc}", transport=NAME,
                             reason="unreachable",
                             hint="check mail.smtp.host and port, and the firewall") from exc


def from_config(config: Config) -> Transport:
    return SmtpTransport(config.mail.smtp, **pacing(config))


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else value

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
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from crm_office.catalogue import Text
from crm_office.errors import (
    MailRejectedError,
    MailRetryError,
    MailSetupError,
    MailUncertainError,
)
from crm_office.mail.message import OutgoingMessage, SendReceipt, mime_bytes
from crm_office.mail.transports.base import Transport, pacing
from crm_office.mail.transports.network import connect_error

if TYPE_CHECKING:
    from crm_office.config.model import Config, SmtpSettings

NAME = "smtp"
_DOT = re.compile(rb"(?m)^\.")
_NO_MAILBOX = re.compile(rb"\s*5\.1\.(1|10)\b")
"""Enhanced status of a 550 that says the mailbox does not exist (RFC 3463)."""


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
                Text("mail.error.uncertain", host=self.settings.host, address=message.to,
                     reason=str(exc)), transport=NAME, reason="uncertain") from exc
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
            raise MailRetryError(Text("mail.error.temporary", address=message.to, reason=text),
                                 transport=NAME, reason=f"smtp-{code}",
                                 hint=Text("mail.hint.later"))
        if code == 550 and _NO_MAILBOX.match(answer):
            raise MailRejectedError(Text("mail.error.mailbox-not-found", mailbox=message.to,
                                         host=self.settings.host, reason=text),
                                    transport=NAME, reason=f"smtp-{code}",
                                    hint=Text("mail.hint.address"))
        raise MailRejectedError(Text("mail.error.rejected", address=message.to, reason=text),
                                transport=NAME, reason=f"smtp-{code}",
                                hint=Text("mail.hint.address"))

    @contextmanager
    def _before_data(self) -> Iterator[None]:
        """Before the text goes out, a broken connection lost nothing: reconnect, retry."""
        try:
            yield
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._drop()
            raise MailRetryError(Text("mail.error.disconnected", host=self.settings.host,
                                      reason=str(exc)),
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
    with setup_errors(settings.host, settings.port):
        smtp: smtplib.SMTP
        if settings.tls == "implicit":
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        with setup_errors(settings.host, settings.port):
            smtp.ehlo()
            if settings.tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            _login(smtp, settings)
    except MailSetupError:
        smtp.close()  # no half-open connection is left behind
        raise
    return smtp


def _login(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    if settings.oauth_token is not None:
        token = settings.oauth_token.reveal()
        auth = f"user={settings.username}\x01auth=Bearer {token}\x01\x01"
        smtp.auth("XOAUTH2", lambda challenge=None: auth, initial_response_ok=True)
    elif settings.username and settings.password is not None:
        smtp.login(settings.username, settings.password.reveal())


@contextmanager
def setup_errors(host: str, port: int) -> Iterator[None]:
    """smtplib, socket and ssl failures while connecting, each as its own MailSetupError."""
    where = f"{host}:{port}"
    try:
        yield
    except smtplib.SMTPAuthenticationError as exc:
        raise MailSetupError(Text("mail.error.auth", host=where,
                                  reason=f"{exc.smtp_code} {_text(exc.smtp_error)}"),
                             transport=NAME, reason="auth",
                             hint=Text("mail.hint.login", key="mail.smtp.username")) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise connect_error(ssl.SSLError(str(exc)), transport=NAME, host=host, port=port,
                            section="mail.smtp") from exc
    except OSError as exc:  # smtplib's own errors are OSErrors too
        raise connect_error(exc, transport=NAME, host=host, port=port,
                            section="mail.smtp") from exc


def from_config(config: Config) -> Transport:
    return SmtpTransport(config.mail.smtp, **pacing(config))


def _text(value: bytes | str) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else value

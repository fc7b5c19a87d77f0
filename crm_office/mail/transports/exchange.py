"""The Exchange transport (on-premises Exchange Server, EWS) through exchangelib.

The message goes as its MIME (the same bytes every transport makes, so the key header and the
Message-ID travel with it) in one CreateItem with ``SendAndSaveCopy``: a copy lands in Sent
Items. exchangelib runs with its fail-fast policy: it never retries a send on its own (its
fault-tolerant policy can send one message twice when a connection drops after Exchange took
it). A busy server (``ErrorServerBusy``) is retried here after its back-off hint; a connection
lost during the send makes the message uncertain, and :meth:`find_sent` settles it from Sent
Items by its Message-ID. Every exchangelib and requests exception is translated here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from crm_office.errors import (
    MailError,
    MailRejectedError,
    MailRetryError,
    MailSetupError,
    MailUncertainError,
)
from crm_office.mail.message import OutgoingMessage, SendReceipt, mime_bytes
from crm_office.mail.transports.base import Transport, pacing

if TYPE_CHECKING:
    from crm_office.config.model import Config, ExchangeSettings

NAME = "exchange"


class ExchangeTransport(Transport):
    """Sends through an Exchange mailbox (as itself, a delegate, or by impersonation)."""

    name = NAME

    def __init__(self, settings: ExchangeSettings, mailbox: str, **options: Any) -> None:
        super().__init__(**options)
        self.settings = settings
        self.mailbox = settings.email or mailbox
        self._account: Any = None

    @property
    def can_find_sent(self) -> bool:
        return True

    def send(self, message: OutgoingMessage) -> SendReceipt:
        from exchangelib import Message

        account = self._connect()
        item = Message(account=account, folder=account.sent, mime_content=mime_bytes(message))
        with _send_errors(message):
            item.send_and_save()
        return SendReceipt(message.key, message.message_id, NAME, message.to,
                           dt.datetime.now(dt.UTC), detail=f"sent by {self.mailbox}")

    def find_sent(self, message: OutgoingMessage) -> SendReceipt | None:
        account = self._connect()
        with _setup_errors(self.settings, "search Sent Items"):
            found = account.sent.filter(message_id=message.message_id).exists()
        if not found:
            return None
        return SendReceipt(message.key, message.message_id, NAME, message.to,
                           dt.datetime.now(dt.UTC), detail="found in Sent Items")

    def _connect(self) -> Any:
        if self._account is None:
            with _setup_errors(self.settings, "connect"):
                account = _make_account(self.settings, self.mailbox)
                account.sent  # noqa: B018 (finds Sent Items now: setup errors surface here)
            self._account = account
        return self._account

    def close(self) -> None:
        account, self._account = self._account, None
        if account is not None:
            account.protocol.close()


def inbox_messages(settings: ExchangeSettings, mailbox: str,
                   skip: set[str]) -> Iterator[tuple[str, bytes]]:
    """(``ews:<item id>``, MIME) of every Inbox message; those in ``skip`` not downloaded."""
    transport = ExchangeTransport(settings, mailbox)
    try:
        account = transport._connect()
        with _setup_errors(settings, "read the Inbox"):
            ids = [(item.id, item.changekey) for item in account.inbox.all().only("id")]
        for item_id, changekey in ids:
            name = f"ews:{item_id}"
            if name in skip:
                yield name, b""
                continue
            with _setup_errors(settings, "read a message"):
                found = list(account.fetch(ids=[(item_id, changekey)],
                                           only_fields=["mime_content"]))
            content = getattr(found[0], "mime_content", b"") if found else b""
            yield name, content if isinstance(content, bytes) else str(content).encode()
    finally:
        transport.close()


def _make_account(settings: ExchangeSettings, mailbox: str) -> Any:
    from exchangelib import (
        BASIC,
        DELEGATE,
        IMPERSONATION,
        NTLM,
        OAUTH2,
        Account,
        Build,
        Configuration,
        Credentials,
        FailFast,
        OAuth2Credentials,
        Version,
    )

    if settings.auth == "oauth":
        secret = settings.client_secret.reveal() if settings.client_secret else ""
        credentials: Any = OAuth2Credentials(client_id=settings.client_id,
                                             client_secret=secret, tenant_id=settings.tenant_id)
    else:
        password = settings.password.reveal() if settings.password else ""
        credentials = Credentials(settings.username, password)
    access = IMPERSONATION if settings.access == "impersonation" else DELEGATE
    if settings.autodiscover:
        return Account(mailbox, credentials=credentials, autodiscover=True, access_type=access)
    endpoint = settings.endpoint or f"https://{settings.server}/EWS/Exchange.asmx"
    auth = {"ntlm": NTLM, "basic": BASIC, "oauth": OAUTH2}[settings.auth]
    config = Configuration(service_endpoint=endpoint, credentials=credentials, auth_type=auth,
                           retry_policy=FailFast(), version=Version(build=Build(15, 1)),
                           max_connections=1)
    return Account(mailbox, config=config, autodiscover=False, access_type=access)


@contextmanager
def _send_errors(message: OutgoingMessage) -> Iterator[None]:
    from exchangelib.errors import (
        ErrorServerBusy,
        ErrorTimeoutExpired,
        ResponseMessageError,
        TransportError,
        UnauthorizedError,
    )
    from requests.exceptions import RequestException

    try:
        yield
    except (ErrorTimeoutExpired, ErrorServerBusy) as exc:
        if isinstance(exc, ErrorTimeoutExpired) or _not_from_server(exc):
            raise MailUncertainError(f"the connection to Exchange broke while sending to "
                                     f"{message.to}: {exc}", transport=NAME,
                                     reason="uncertain") from exc
        raise MailRetryError(f"Exchange is busy: {exc}", transport=NAME,  # said the server
                             retry_after=exc.back_off, reason="busy") from exc
    except UnauthorizedError as exc:
        raise MailSetupError(f"Exchange refused the login: {exc}", transport=NAME,
                             reason="auth", hint="check mail.exchange.username and the "
                             "password in its environment variable") from exc
    except ResponseMessageError as exc:
        raise MailRejectedError(f"Exchange refused the message to {message.to}: {exc}",
                                transport=NAME, reason=type(exc).__name__) from exc
    except (TransportError, RequestException, OSError) as exc:
        raise MailUncertainError(f"the connection to Exchange broke while sending to "
                                 f"{message.to}: {exc}", transport=NAME,
                                 reason="uncertain") from exc


def _not_from_server(exc: Exception) -> bool:
    """exchangelib turns a lost connection into ErrorServerBusy too; the server's own answer
    never starts like these (the message may have been taken before the connection broke)."""
    return str(exc).startswith(("Reraised from", "Caused by"))


@contextmanager
def _setup_errors(settings: ExchangeSettings, doing: str) -> Iterator[None]:
    from exchangelib.errors import EWSError, UnauthorizedError
    from requests.exceptions import ConnectionError as Unreachable
    from requests.exceptions import RequestException, SSLError

    where = settings.endpoint or settings.server or "autodiscover"
    try:
        yield
    except MailError:
        raise
    except UnauthorizedError as exc:
        raise MailSetupError(f"Exchange {where} refused the login", transport=NAME,
                             reason="auth", hint="check mail.exchange.username, auth and the "
                             "password in its environment variable") from exc
    except SSLError as exc:
        raise MailSetupError(f"TLS with Exchange {where} failed: {exc}", transport=NAME,
                             reason="tls", hint="check the server's certificate") from exc
    except Unreachable as exc:
        raise MailSetupError(f"cannot reach Exchange {where}: {exc}", transport=NAME,
                             reason="unreachable", hint="check mail.exchange.server or "
                             "endpoint, and the network") from exc
    except (EWSError, RequestException, OSError) as exc:
        raise MailSetupError(f"cannot {doing} at Exchange {where}: {exc}", transport=NAME,
                             reason="failed") from exc


def from_config(config: Config) -> Transport:
    return ExchangeTransport(config.mail.exchange, config.mail.sender, **pacing(config))

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
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from crm_office.catalogue import Text
from crm_office.errors import (
    MailError,
    MailRejectedError,
    MailRetryError,
    MailSetupError,
    MailUncertainError,
)
from crm_office.mail.message import OutgoingMessage, SendReceipt, mime_bytes
from crm_office.mail.transports.base import Transport, pacing
from crm_office.mail.transports.network import connect_error

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
        with _send_errors(self.settings, self.mailbox, message):
            item.send_and_save()
        return SendReceipt(message.key, message.message_id, NAME, message.to,
                           dt.datetime.now(dt.UTC), detail=f"sent by {self.mailbox}")

    def find_sent(self, message: OutgoingMessage) -> SendReceipt | None:
        account = self._connect()
        with _setup_errors(self.settings, self.mailbox, "mail.doing.search-sent"):
            found = account.sent.filter(message_id=message.message_id).exists()
        if not found:
            return None
        return SendReceipt(message.key, message.message_id, NAME, message.to,
                           dt.datetime.now(dt.UTC), detail="found in Sent Items")

    def _connect(self) -> Any:
        if self._account is None:
            with _setup_errors(self.settings, self.mailbox, "mail.doing.connect"):
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
        with _setup_errors(settings, transport.mailbox, "mail.doing.read-inbox"):
            ids = [(item.id, item.changekey) for item in account.inbox.all().only("id")]
        for item_id, changekey in ids:
            name = f"ews:{item_id}"
            if name in skip:
                yield name, b""
                continue
            with _setup_errors(settings, transport.mailbox, "mail.doing.read-message"):
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
    auth = {"ntlm": NTLM, "basic": BASIC, "oauth": OAUTH2}[settings.auth]
    if settings.autodiscover:  # the EWS URL and version from autodiscover; never retry a send
        found = Configuration(credentials=credentials, auth_type=auth, retry_policy=FailFast(),
                              max_connections=1)
        return Account(mailbox, config=found, autodiscover=True, access_type=access)
    endpoint = settings.endpoint or f"https://{settings.server}/EWS/Exchange.asmx"
    config = Configuration(service_endpoint=endpoint, credentials=credentials, auth_type=auth,
                           retry_policy=FailFast(), version=Version(build=Build(15, 1)),
                           max_connections=1)
    return Account(mailbox, config=config, autodiscover=False, access_type=access)


@contextmanager
def _send_errors(settings: ExchangeSettings, mailbox: str,
                 message: OutgoingMessage) -> Iterator[None]:
    from exchangelib.errors import (
        ErrorNonExistentMailbox,
        ErrorServerBusy,
        ErrorTimeoutExpired,
        ResponseMessageError,
        TransportError,
        UnauthorizedError,
    )
    from requests.exceptions import RequestException

    host = _where(settings)

    def uncertain(exc: Exception) -> MailUncertainError:
        return MailUncertainError(Text("mail.error.uncertain", host=host, address=message.to,
                                       reason=str(exc)), transport=NAME, reason="uncertain")

    try:
        yield
    except (ErrorTimeoutExpired, ErrorServerBusy) as exc:
        if isinstance(exc, ErrorTimeoutExpired) or _not_from_server(exc):
            raise uncertain(exc) from exc
        raise MailRetryError(Text("mail.error.throttled", host=host, reason=str(exc)),
                             transport=NAME, retry_after=exc.back_off,  # said the server
                             reason="busy", hint=Text("mail.hint.later")) from exc
    except (UnauthorizedError, ErrorNonExistentMailbox) as exc:
        raise _setup_error(exc, settings, mailbox) from exc
    except ResponseMessageError as exc:
        raise MailRejectedError(Text("mail.error.rejected", address=message.to,
                                     reason=str(exc)),
                                transport=NAME, reason=type(exc).__name__) from exc
    except (TransportError, RequestException, OSError) as exc:
        raise uncertain(exc) from exc


def _not_from_server(exc: Exception) -> bool:
    """exchangelib turns a lost connection into ErrorServerBusy too; the server's own answer
    never starts like these (the message may have been taken before the connection broke)."""
    return str(exc).startswith(("Reraised from", "Caused by"))


@contextmanager
def _setup_errors(settings: ExchangeSettings, mailbox: str, doing: str) -> Iterator[None]:
    from exchangelib.errors import EWSError
    from requests.exceptions import RequestException

    try:
        yield
    except MailError:
        raise
    except (EWSError, RequestException, OSError) as exc:
        raise _setup_error(exc, settings, mailbox, doing) from exc


def _setup_error(exc: Exception, settings: ExchangeSettings, mailbox: str,
                 doing: str = "mail.doing.connect") -> MailSetupError:
    """An exchangelib or requests failure that stops every message, with its own text."""
    from exchangelib.errors import ErrorNonExistentMailbox, UnauthorizedError
    from requests.exceptions import ConnectionError as Unreachable
    from requests.exceptions import SSLError

    host = _where(settings)
    if isinstance(exc, UnauthorizedError):
        return MailSetupError(Text("mail.error.auth", host=host, reason=str(exc)),
                              transport=NAME, reason="auth",
                              hint=Text("mail.hint.login", key="mail.exchange.username"))
    if isinstance(exc, ErrorNonExistentMailbox):
        return MailSetupError(Text("mail.error.mailbox-not-found", mailbox=mailbox, host=host,
                                   reason=str(exc)), transport=NAME, reason="no-mailbox",
                              hint=Text("mail.hint.mailbox", key="mail.exchange.email"))
    if isinstance(exc, SSLError):
        return MailSetupError(Text("mail.error.tls", host=host, reason=str(exc)),
                              transport=NAME, reason="tls",
                              hint=Text("mail.hint.certificate", key="mail.exchange.endpoint"))
    cause = _socket_cause(exc)  # exchangelib may wrap it (even as ErrorTimeoutExpired)
    if cause is not None:
        url = urlsplit(host)
        return connect_error(cause, transport=NAME, host=url.hostname or host,
                             port=url.port or 443, section="mail.exchange")
    if isinstance(exc, Unreachable):
        return MailSetupError(Text("mail.error.unreachable", host=host, reason=str(exc)),
                              transport=NAME, reason="unreachable",
                              hint=Text("mail.hint.network", key="mail.exchange.endpoint"))
    return MailSetupError(Text("mail.error.failed", host=host, doing=Text(doing),
                               reason=str(exc)), transport=NAME, reason="failed")


def _where(settings: ExchangeSettings) -> str:
    return settings.endpoint or settings.server or "autodiscover"


def _socket_cause(exc: BaseException) -> OSError | None:
    """The unknown host or refused connection under requests' and urllib3's wrappers."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop()
        if item is None or item in seen or len(seen) > 20:
            continue
        seen.append(item)
        if isinstance(item, (socket.gaierror, ConnectionRefusedError)):
            return item
        reason = getattr(item, "reason", None)
        todo += [item.__cause__, item.__context__,
                 reason if isinstance(reason, BaseException) else None,
                 *(arg for arg in item.args if isinstance(arg, BaseException))]
    return None


def from_config(config: Config) -> Transport:
    return ExchangeTransport(config.mail.exchange, config.mail.sender, **pacing(config))

"""The one small base class every transport is, and the registry that names them.

A transport takes an :class:`OutgoingMessage` and gives back a :class:`SendReceipt`, or raises
one of the mail errors (``MailSetupError``, ``MailRejectedError``, ``MailRetryError``,
``MailUncertainError``); no backend exception leaves it. It never retries on its own a message
whose hand-over broke off: that is the journal's call. :meth:`Transport.deliver` adds the rate
limit and the retries of *temporary* refusals (the server said "not now", so nothing went out).
Transports that keep a copy of what they sent (Exchange, Graph) answer :meth:`find_sent`.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

from crm_office.errors import ConfigError, MailRetryError
from crm_office.mail.message import OutgoingMessage, SendReceipt

if TYPE_CHECKING:
    from crm_office.config.model import Config

log = logging.getLogger(__name__)

Sleep = Callable[[float], None]


class Transport:
    """Hands messages to a mail system. Subclasses implement :meth:`send`."""

    name: ClassVar[str] = "transport"

    def __init__(self, *, rate_per_minute: float = 0, retries: int = 5,
                 backoff_seconds: float = 2.0, sleep: Sleep = time.sleep) -> None:
        self.rate_per_minute = rate_per_minute
        self.retries = retries
        self.backoff_seconds = backoff_seconds
        self._sleep = sleep
        self._last_start = 0.0

    def send(self, message: OutgoingMessage) -> SendReceipt:
        """Hand one message over; raise a :class:`MailError` when it did not go."""
        raise NotImplementedError

    def find_sent(self, message: OutgoingMessage) -> SendReceipt | None:
        """The copy of ``message`` the mail system kept (Sent Items), if it can tell; else None."""
        return None

    @property
    def can_find_sent(self) -> bool:
        """Whether :meth:`find_sent` can settle an uncertain message."""
        return False

    def deliver(self, message: OutgoingMessage) -> SendReceipt:
        """:meth:`send` within the rate limit, retrying temporary refusals with back-off."""
        attempt = 0
        while True:
            self._pace()
            try:
                return self.send(message)
            except MailRetryError as exc:
                attempt += 1
                if attempt > self.retries:
                    raise
                wait = exc.retry_after if exc.retry_after is not None \
                    else self.backoff_seconds * 2 ** (attempt - 1)
                log.warning("%s; retry %d of %d in %.1f s", exc.message, attempt,
                            self.retries, wait)
                self._sleep(wait)

    def _pace(self) -> None:
        if self.rate_per_minute <= 0:
            return
        gap = 60.0 / self.rate_per_minute
        wait = self._last_start + gap - time.monotonic()
        if wait > 0:
            self._sleep(wait)
        self._last_start = time.monotonic()

    def close(self) -> None:
        """Let go of connections; the transport cannot be used afterwards."""

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


Factory = Callable[["Config"], Transport]

TRANSPORTS: dict[str, str] = {
    "outbox": "crm_office.mail.transports.outbox",
    "smtp": "crm_office.mail.transports.smtp",
    "exchange": "crm_office.mail.transports.exchange",
    "graph": "crm_office.mail.transports.graph",
}
"""Name → module with a ``from_config(config)``; the module is imported only when chosen."""


def register(name: str, module: str) -> None:
    """Make a transport known under ``name`` (a plug-in's own module)."""
    TRANSPORTS[name] = module


def open_transport(config: Config, name: str = "") -> Transport:
    """The transport ``name`` (default: ``mail.transport``) set up from the config."""
    chosen = name or config.mail.transport
    module = TRANSPORTS.get(chosen)
    if module is None:
        raise ConfigError(f"mail transport '{chosen}' is not available in this version",
                          key_path="mail.transport",
                          path=config.path, hint=f"known transports: {', '.join(TRANSPORTS)}")
    factory: Factory = importlib.import_module(module).from_config
    return factory(config)


def pacing(config: Config) -> dict[str, Any]:
    """The rate and retry settings every transport takes from ``[mail]``."""
    mail = config.mail
    return {"rate_per_minute": mail.rate_per_minute, "retries": mail.retries,
            "backoff_seconds": mail.backoff_seconds}

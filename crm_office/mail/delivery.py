"""The delivery loop: messages handed to a transport, the journal written around them.

A batch of messages is built first, then its ``sending`` marks are committed (together with
the outcomes of the batch before), and only then are its messages handed over. A setup error
(wrong password, server unreachable) stops the run: the messages not handed over go back to
``planned``. Without a journal (the benchmark's reference run) the same loop just sends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from crm_office.errors import (
    MailError,
    MailRejectedError,
    MailRetryError,
    MailSetupError,
    MailUncertainError,
)
from crm_office.mail.journal import FAILED, PLANNED, SENT, UNCERTAIN, Journal, Outcome
from crm_office.mail.message import OutgoingMessage
from crm_office.mail.transports.base import Transport

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Item = tuple[str, OutgoingMessage]
"""(recipient ID, its message)."""


@dataclass
class Tally:
    """How many messages ended in each state, and why those that failed did."""

    sent: int = 0
    failed: int = 0
    uncertain: int = 0
    reasons: dict[str, str] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        if outcome.state == SENT:
            self.sent += 1
        elif outcome.state == FAILED:
            self.failed += 1
        elif outcome.state == UNCERTAIN:
            self.uncertain += 1
        if outcome.reason:
            self.reasons[outcome.recipient] = outcome.reason

    def to_dict(self) -> dict[str, Any]:
        return {"sent": self.sent, "failed": self.failed, "uncertain": self.uncertain,
                "reasons": dict(self.reasons)}


def deliver_all(items: Iterable[Item], transport: Transport, journal: Journal | None, *,
                batch: int = 20, total: int = 0, on_progress: Progress | None = None) -> Tally:
    """Hand every message over, the journal's ``sending`` mark durable before each."""
    tally, done = Tally(), 0
    pending: list[Outcome] = []
    stream = iter(items)
    for chunk in _chunks(stream, batch):
        if journal is not None:
            journal.commit(pending, [(recipient, message.subject) for recipient, message in chunk],
                           transport.name)
        pending = []
        try:
            for recipient, message in chunk:
                outcome = hand_over(transport, recipient, message)
                pending.append(outcome)
                tally.add(outcome)
                done += 1
                if on_progress is not None:
                    on_progress(done, total)
        except MailSetupError:
            if journal is not None:
                left = {recipient for recipient, _ in chunk} - {o.recipient for o in pending}
                journal.commit([*pending, *(Outcome(r, PLANNED) for r in sorted(left))])
            raise
    if journal is not None:
        journal.commit(pending)
    return tally


def hand_over(transport: Transport, recipient: str, message: OutgoingMessage) -> Outcome:
    """One message to the transport; what became of it (setup errors stop the run)."""
    try:
        receipt = transport.deliver(message)
    except MailUncertainError as exc:
        return _settle_now(transport, recipient, message, exc)
    except MailRejectedError as exc:
        return Outcome(recipient, FAILED, exc.message, final=True)
    except MailRetryError as exc:
        return Outcome(recipient, FAILED, exc.message)
    except MailSetupError:
        raise
    except MailError as exc:
        return Outcome(recipient, FAILED, exc.message)
    log.debug("sent %s to %s (%s)", receipt.message_id, receipt.to, receipt.detail)
    return Outcome(recipient, SENT, message_id=receipt.message_id)


def _settle_now(transport: Transport, recipient: str, message: OutgoingMessage,
                exc: MailUncertainError) -> Outcome:
    """A hand-over that broke off: the server's own copy (Sent Items) says whether it went."""
    if transport.can_find_sent:
        try:
            if transport.find_sent(message) is not None:
                log.info("%s: found in the sent messages after the connection broke",
                         message.to)
                return Outcome(recipient, SENT, message_id=message.message_id)
        except MailError as lookup:
            log.warning("cannot look for %s's message: %s", message.to, lookup)
    return Outcome(recipient, UNCERTAIN, exc.message)


def _chunks(stream: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(stream, size)):
        yield chunk

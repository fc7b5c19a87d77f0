"""The delivery loop: messages handed to a transport, the journal written around them.

A batch of messages is built first, then its ``sending`` marks are committed (together with
the outcomes of the batch before), and only then are its messages handed over. A setup error
(wrong password, server unreachable) stops the run: the messages not handed over go back to
``planned``. Without a journal (the benchmark's reference run) the same loop just sends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
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
                batch: int = 20, total: int = 0, on_progress: Progress | None = None,
                locale: str = "en") -> Tally:
    """Hand every message over, the journal's ``sending`` mark durable before each.

    With a journal the commits run beside the sending: while batch *k* is out, one commit
    records the outcomes of batch *k-1* and marks batch *k+1* ``sending``; batch *k+1* waits
    for that commit. So at most two batches are ``sending`` at any moment.
    """
    run = _Run(transport, Tally(), total, on_progress, locale)
    chunks = _chunks(iter(items), batch)
    if journal is None:
        for chunk in chunks:
            run.send(chunk)
        return run.tally
    current = next(chunks, None)
    if current is not None:
        journal.commit([], _marks(current), transport.name)
    done: list[Outcome] = []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail-journal") as pool:
        while current is not None:
            following = next(chunks, None)
            commit = pool.submit(journal.commit, done, _marks(following or []),
                                 transport.name)
            try:
                done = run.send(current)
            except MailSetupError:
                commit.result()
                journal.commit([*run.partial, *_planned(current, run.partial),
                                *_planned(following or [], [])])
                raise
            commit.result()
            current = following
    journal.commit(done)
    return run.tally


class _Run:
    """The sending side of :func:`deliver_all`: outcomes, tally and progress."""

    def __init__(self, transport: Transport, tally: Tally, total: int,
                 on_progress: Progress | None, locale: str = "en") -> None:
        self.transport, self.tally, self.total = transport, tally, total
        self.locale = locale
        self.on_progress = on_progress
        self.done = 0
        self.partial: list[Outcome] = []

    def send(self, chunk: list[Item]) -> list[Outcome]:
        self.partial = []
        for recipient, message in chunk:
            outcome = hand_over(self.transport, recipient, message, self.locale)
            self.partial.append(outcome)
            self.tally.add(outcome)
            self.done += 1
            if self.on_progress is not None:
                self.on_progress(self.done, self.total)
        return self.partial


def _marks(chunk: list[Item]) -> list[tuple[str, str]]:
    return [(recipient, message.subject) for recipient, message in chunk]


def _planned(chunk: list[Item], handled: list[Outcome]) -> list[Outcome]:
    seen = {outcome.recipient for outcome in handled}
    return [Outcome(recipient, PLANNED) for recipient, _ in chunk if recipient not in seen]


def hand_over(transport: Transport, recipient: str, message: OutgoingMessage,
              locale: str = "en") -> Outcome:
    """One message to the transport; what became of it (setup errors stop the run).
    The reason of a failure is in ``locale`` (the office's language)."""
    try:
        receipt = transport.deliver(message)
    except MailUncertainError as exc:
        return _settle_now(transport, recipient, message, exc, locale)
    except MailRejectedError as exc:
        return Outcome(recipient, FAILED, exc.localised(locale)[0], final=True)
    except MailRetryError as exc:
        return Outcome(recipient, FAILED, exc.localised(locale)[0])
    except MailSetupError:
        raise
    except MailError as exc:
        return Outcome(recipient, FAILED, exc.localised(locale)[0])
    log.debug("sent %s to %s (%s)", receipt.message_id, receipt.to, receipt.detail)
    return Outcome(recipient, SENT, message_id=receipt.message_id)


def _settle_now(transport: Transport, recipient: str, message: OutgoingMessage,
                exc: MailUncertainError, locale: str) -> Outcome:
    """A hand-over that broke off: the server's own copy (Sent Items) says whether it went."""
    if transport.can_find_sent:
        try:
            if transport.find_sent(message) is not None:
                log.info("%s: found in the sent messages after the connection broke",
                         message.to)
                return Outcome(recipient, SENT, message_id=message.message_id)
        except MailError as lookup:
            log.warning("cannot look for %s's message: %s", message.to, lookup)
    return Outcome(recipient, UNCERTAIN, exc.localised(locale)[0])


def _chunks(stream: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(stream, size)):
        yield chunk

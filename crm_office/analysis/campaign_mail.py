"""Messages sent and replies logged per campaign, where the mail journal exists.

The journal (the store's ``mail_journal``) has a row per campaign and recipient: *sent*
counts the rows ``sent`` with their send time in the period, *failed* the rows ``failed``
last changed in it. A *reply* is a contact-log row that ``mail fetch`` wrote for a reply
(its summary starts as the catalogue's ``mail.log-reply`` does, in either language); it
counts for the campaign whose message its client got last on or before the reply's date —
one whose subject the reply repeats first. *Reply rate* is replies / sent over the trend
window. Only the office's clients in the frames count (a manager's report: their clients).

:func:`attach_mail_journal` puts the journal beside the frames (``frames.tables
["mail_journal"]``) when it has rows; without it the campaigns table has no mail columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from crm_office.analysis.grid import share

if TYPE_CHECKING:
    import pandas

    from crm_office.analysis.frames import OfficeFrames
    from crm_office.analysis.period import Week
    from crm_office.config.model import Config

JOURNAL = "mail_journal"
COLUMNS = ("mail_sent_week", "mail_replies_week", "mail_sent", "mail_failed", "mail_replies",
           "reply_rate")
KINDS = ("int", "int", "int", "int", "int", "share")


@dataclass(frozen=True)
class CampaignMail:
    """One campaign's mail figures: the week's and the trend window's."""

    sent_week: int = 0
    replies_week: int = 0
    sent: int = 0
    failed: int = 0
    replies: int = 0

    def row(self) -> tuple[int, int, int, int, int, Decimal | None]:
        return (self.sent_week, self.replies_week, self.sent, self.failed, self.replies,
                share(self.replies, self.sent))


def attach_mail_journal(config: Config, frames: OfficeFrames) -> None:
    """Read the mail journal from the store beside the frames (nothing when it is empty)."""
    import pandas
    import sqlalchemy as sa

    from crm_office.store.schema import mail_journal
    from crm_office.store.store import Store

    if JOURNAL in frames.tables:
        return
    columns = [mail_journal.c.campaign, mail_journal.c.recipient, mail_journal.c.state,
               mail_journal.c.subject, mail_journal.c.sent_at, mail_journal.c.updated_at]
    with Store.open(config.paths.store, config.paths.root) as store:
        rows = store.read(lambda conn: [tuple(row) for row in conn.execute(
            sa.select(*columns))])
    if rows:
        frames.tables[JOURNAL] = pandas.DataFrame(rows, columns=[c.name for c in columns])


def campaign_mail(frames: OfficeFrames, first: Week, week: Week) -> dict[str, CampaignMail]:
    """Folded campaign key → its figures; empty when the office has no mail journal."""
    from crm_office.analysis.frames import fold

    journal = _journal(frames)
    if journal is None:
        return {}
    start, end = _day(first.start), _day(week.end)
    week_start = _day(week.start)
    sent = journal[journal["state"] == "sent"]
    failed = journal[(journal["state"] == "failed") & journal["updated"].between(start, end)]
    replies = _replies(frames, sent)
    figures: dict[str, CampaignMail] = {}
    for campaign in sorted(set(journal["campaign"])):
        mine = sent[sent["campaign"] == campaign]
        answered = [day for name, day in replies if name == campaign]
        figures[fold(campaign)] = CampaignMail(
            sent_week=int(mine["sent"].between(week_start, end).sum()),
            replies_week=sum(week_start <= day <= end for day in answered),
            sent=int(mine["sent"].between(start, end).sum()),
            failed=int((failed["campaign"] == campaign).sum()),
            replies=sum(start <= day <= end for day in answered))
    return figures


def _journal(frames: OfficeFrames) -> pandas.DataFrame | None:
    import pandas

    from crm_office.analysis.frames import fold

    journal = frames.tables.get(JOURNAL)
    if journal is None or journal.empty:
        return None
    clients = set(frames["clients"]["client_key"].dropna())
    journal = journal[journal["recipient"].map(fold).isin(clients)].copy()
    journal["client_key"] = journal["recipient"].map(fold)
    for column, source in (("sent", "sent_at"), ("updated", "updated_at")):
        stamps = pandas.to_datetime(journal[source], utc=True)
        journal[column] = stamps.dt.tz_localize(None).dt.normalize()
    return journal


def _replies(frames: OfficeFrames, sent: pandas.DataFrame) -> list[tuple[str, Any]]:
    """(campaign, reply day) of every reply in the contact log that answers a sent message."""
    from crm_office.catalogue import LOCALES, template

    starts = tuple(template("mail.log-reply", locale).split("{subject}")[0]
                   for locale in LOCALES)
    contacts = frames["contacts"]
    summary = contacts["summary"].astype(object).fillna("").astype(str)
    replies = contacts[summary.str.startswith(starts) & contacts["date"].notna()]
    by_client = {key: part.sort_values("sent") for key, part in sent.groupby("client_key")}
    found = []
    for row in replies.itertuples():
        earlier = by_client.get(row.client_key)
        if earlier is None:
            continue
        earlier = earlier[earlier["sent"] <= row.date]
        if earlier.empty:
            continue
        quoted = earlier[[bool(subject) and subject in row.summary
                          for subject in earlier["subject"]]]
        chosen = quoted if not quoted.empty else earlier
        found.append((str(chosen["campaign"].iloc[-1]), row.date))
    return found


def _day(value: Any) -> Any:
    import pandas

    return pandas.Timestamp(value)

"""``[analysis]``, ``[reminders]`` and ``[commission]`` as the config holds them.

Each key is declared here once, by its typed field (:func:`crm_office.config.keys.key`):
:mod:`crm_office.config.settings` makes the loader's and README's declarations from these
classes, so adding a key to one of these sections is this one edit (and whatever reads it).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crm_office.config.keys import NO_DEFAULT, key


@dataclass(frozen=True)
class Analysis:
    """``[analysis]``: thresholds and recipients of the weekly report."""

    too_few: int = key(10, "A manager with fewer clients in work (lead, prospect, active) is "
                           "flagged 'too few'.")
    too_many: int = key(60, "A manager with more clients in work than this is flagged "
                            "'too many'.")
    trend_weeks: int = key(12, "Weeks of the trend and the averages beside the past week.")
    sleeping_days: int = key(90, "A client with no contact for this many days counts as "
                                 "sleeping.")
    max_findings: int = key(7, "How many findings the Summary sheet states at most.")
    head_of_sales: str = key("", "E-mail address that gets the full weekly report.")
    manager_reports: bool = key(True, "Write a personal report per manager in "
                                      "output/reports/managers/.")
    mail_reports: bool = key(True, "Mail the weekly report (head of sales: full; each manager: "
                                   "their own).")


@dataclass(frozen=True)
class ReminderLevel:
    """One payment reminder level: reached ``days`` after the due date (negative: before)."""

    name: str = key(NO_DEFAULT, "Name of the level, e.g. \"7 days\" (logged with the "
                                "reminder).")
    days: int = key(NO_DEFAULT, "Days after the due date the level is reached (negative: "
                                "before).")
    subject: str = key("", "Subject; {invoice}, {amount}, {due}, {client}, {office} are "
                           "filled in.")
    body: str = key("", "Text of the mail, with the same fields as the subject.")


DEFAULT_REMINDER_LEVELS = (ReminderLevel("before due", -3), ReminderLevel("7 days", 7),
                           ReminderLevel("30 days", 30))


@dataclass(frozen=True)
class Reminders:
    """``[reminders]``: the morning mail to managers and payment reminders to clients."""

    morning: bool = key(True, "Each morning mail every manager their contacts due today and "
                              "overdue, stalled deals and complaints near their deadline.")
    complaint_days: int = key(2, "A complaint is 'near its deadline' this many days before it "
                                 "(and after it).")
    payments: bool = key(True, "Remind clients of overdue invoices, by the levels below.")
    levels: tuple[ReminderLevel, ...] = key(
        DEFAULT_REMINDER_LEVELS,
        "Payment reminder levels: [{name, days, subject, body}]; days after the due date "
        "(negative: before it). Empty: 3 days before, 7 and 30 days after.", file_default=[])


@dataclass(frozen=True)
class Commission:
    """``[commission]``: rates in percent; ``base`` is "won" or "paid"."""

    default_rate: Decimal = key(Decimal(0), "Commission in percent for a manager without a "
                                            "rate of their own.", file_default=0)
    rates: dict[str, Decimal] = key({}, "A rate in percent per manager: {\"Anna Ivanova\" = 5}; "
                                        "otherwise the Managers sheet's Commission column, "
                                        "otherwise default_rate.")
    product_groups: dict[str, Decimal] = key(
        {}, "A rate in percent per product group, used instead of the manager's for deals of "
            "that group: {software = 8}.")
    base: str = key("won", "What commission is paid on: won (amount of the deals won in the "
                           "week) or paid (payments received in the week on the manager's "
                           "clients' invoices).", choices=("won", "paid"))

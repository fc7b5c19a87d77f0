"""The send window: working hours and days, in the office's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from crm_office.config.mail import DAYS
from crm_office.config.model import Mail


def in_window(mail: Mail, moment: dt.datetime) -> bool:
    """Whether messages may go out at ``moment`` (aware) by ``send_window``/``send_days``."""
    local = moment.astimezone(ZoneInfo(mail.time_zone))
    if mail.send_days and DAYS[local.weekday()] not in mail.send_days:
        return False
    if not mail.send_window:
        return True
    start, end = mail.send_window.split("-")
    now = f"{local:%H:%M}"
    return start <= now < end

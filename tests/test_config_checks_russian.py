"""Config mistakes past a key's type (a time, a range, a name) read in the office's language."""

from __future__ import annotations

import re

import pytest

from crm_office.config import load_config
from crm_office.errors import ConfigError, describe
from tests.conftest import MINIMAL_CONFIG
from tests.test_catalogue import NAMES_IN_RUSSIAN


@pytest.mark.parametrize(("lines", "key_path", "russian", "english"), [
    ('[schedule]\nreminders_at = "8.30"', "schedule.reminders_at",
     "«8.30» — не время суток", "'8.30' is not a time of day"),
    ('[schedule]\ntime_zone = "Mars/Olympus"', "schedule.time_zone",
     "«Mars/Olympus» — неизвестный часовой пояс", "'Mars/Olympus' is not a known time zone"),
    ("[analysis]\ntrend_weeks = 1", "analysis.trend_weeks", "слишком мало", "is too small"),
    ("[commission]\ndefault_rate = 120", "commission.default_rate",
     "120 — не процент от 0 до 100", "120 is not a percentage between 0 and 100"),
    ('[validation]\nmark_severities = ["fatal"]', "validation.mark_severities",
     "неизвестная важность «fatal»", "unknown severity 'fatal'"),
    ('[mail]\nsend_days = ["funday"]', "mail.send_days", "«funday» — не день недели",
     "'funday' is not a day"),
    ("[mail]\njournal_batch = 0", "mail.journal_batch", "должно быть не меньше 1",
     "must be at least 1"),
    ("[documents]\npayment_days = -1", "documents.payment_days", "должно быть 0 дней или больше",
     "must be 0 or more days"),
])
def test_a_config_check_reads_in_the_offices_language(make_office, lines: str, key_path: str,
                                                      russian: str, english: str) -> None:
    for locale in ("ru", "en"):
        with pytest.raises(ConfigError) as caught:
            load_config(make_office(config=MINIMAL_CONFIG + "\n" + lines + "\n", locale=locale))
        assert caught.value.key_path == key_path
        text = describe(caught.value, locale)
        assert (russian if locale == "ru" else english) in text
    words = re.findall(r"[A-Za-z][A-Za-z_\-]*", re.sub(r"/\S*config.toml", "", text := describe(
        caught.value, "ru")))
    allowed = NAMES_IN_RUSSIAN | set(re.split(r"[._\[\]]", key_path)) | {
        "Mars", "Olympus", "Europe", "Moscow", "London", "UTC", "fatal", "error", "warning",
        "info", "trend_weeks", "funday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    assert [word for word in words if word not in allowed] == [], text

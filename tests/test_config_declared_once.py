"""Config declared once: every key of config.toml is one typed field of the config's
dataclasses (``key(...)``), from which the loader's and README's declarations are made."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from crm_office.config import settings as declared
from crm_office.config.keys import NO_DEFAULT, key

PACKAGE = Path(declared.__file__).resolve().parent.parent

LOADER_MADE = {("", "path"), ("paths", "root"), ("tables.*", "table"),
               ("tables.*.sources[]", "path"), ("tables.*.sources[]", "key_path"),
               ("rules.*.conditions[]", "key_path"), ("mail.campaigns.*", "key"),
               ("documents.kinds.*", "name")}
"""Fields the loader adds that are not keys of the file (the config file, the office folder,
the table of the model, a resolved workbook, where a rule stands, the name of a campaign or a
document kind: the key of its table)."""


def test_no_key_is_declared_by_hand_but_the_old_place_of_keep_backups() -> None:
    hand_made = [(path.relative_to(PACKAGE), line) for path in PACKAGE.rglob("*.py")
                 for line in path.read_text(encoding="utf-8").splitlines()
                 if re.search(r"\bSetting\(", line)]
    assert hand_made == [(Path("config/settings.py"), "    return Setting(item.name, kind, "
                          "list(default) if isinstance(default, tuple) else default,"),
                         (Path("config/settings.py"), "OLD_KEEP_BACKUPS = Setting(")]
    assert "declared(" not in (PACKAGE / "config" / "model.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("section", list(declared.CLASSES))
def test_every_field_of_a_section_is_a_key_or_made_by_the_loader(section: str) -> None:
    for item in dataclasses.fields(declared.CLASSES[section]):
        made = (section, item.name) in LOADER_MADE
        assert bool(item.metadata.get("made")) == made, item.name
        assert made or "help" in item.metadata, f"{section}.{item.name} is not a key() field"


@pytest.mark.parametrize("section", list(declared.CLASSES))
def test_the_declarations_are_the_fields(section: str) -> None:
    fields = [item.name for item in dataclasses.fields(declared.CLASSES[section])
              if (section, item.name) not in LOADER_MADE]
    keys = [item.key for item in declared.SECTIONS[section]]
    assert keys == fields + (["keep_backups"] if section == "validation" else [])


def test_adding_a_field_adds_a_documented_checked_key() -> None:
    @dataclasses.dataclass(frozen=True)
    class Section:
        needed: str = key(NO_DEFAULT, "Must be there.")
        size: int = key(3, "How many.")
        names: tuple[str, ...] = key(("a",), "Some names.")
        password: object = key(None, "A secret.", secret=True)

    assert declared.settings_of(Section) == (
        declared.Setting("needed", str, declared.REQUIRED, "Must be there."),
        declared.Setting("size", int, 3, "How many."),
        declared.Setting("names", list, ["a"], "Some names."),
        declared.Setting("password", dict, None, "A secret.", secret=True))


def test_a_key_declared_by_its_typed_field_is_documented_and_checked(make_office) -> None:
    """[analysis] keys are their fields: the declaration, the default and the loader's checks
    (nearest name for an unknown key, the file and key of a wrong type) all come from them."""
    from crm_office.config import load_config
    from crm_office.config.analysis_model import Analysis
    from crm_office.errors import ConfigError
    from tests.conftest import MINIMAL_CONFIG

    too_few = declared.setting("analysis", "too_few")
    assert (too_few.type, too_few.default) == (int, Analysis().too_few)
    assert too_few.help == dataclasses.fields(Analysis)[0].metadata["help"]
    assert declared.setting("commission", "base").choices == ("won", "paid")
    assert declared.setting("reminders", "levels").default == []  # the file's, not the config's
    assert load_config(make_office()).analysis == Analysis()
    for extra, key_path, words in [("too_fw = 3", "analysis.too_fw", "did you mean 'too_few'"),
                                   ('too_few = "ten"', "analysis.too_few", "whole number")]:
        with pytest.raises(ConfigError) as caught:
            load_config(make_office(config=MINIMAL_CONFIG + f"\n[analysis]\n{extra}\n"))
        assert caught.value.key_path == key_path
        assert words in str(caught.value) and "config.toml" in str(caught.value)


def test_defaults_the_loader_works_out_differ_between_file_and_config() -> None:
    """The file's default of smtp tls and the engine sheets is empty (the loader works it out);
    a Path or Decimal field is written in the file as text or a number."""
    assert declared.setting("mail.smtp", "tls").default == ""
    assert declared.setting("validation", "issues_sheet").default == ""
    assert declared.setting("paths", "workbooks").type is str
    assert declared.setting("paths", "workbooks").default == "workbooks"
    assert declared.setting("office", "vat_rate").type == (int, float)
    assert declared.setting("mail.smtp", "password").secret
    assert declared.setting("", "office").default is declared.REQUIRED
    assert declared.setting("", "mail").default == {}


def test_the_named_declarations_are_their_sections() -> None:
    names = {"": "ROOT", "office": "OFFICE", "paths": "PATHS", "tables.*": "TABLE",
             "tables.*.sources[]": "SOURCE", "funnel": "FUNNEL", "funnel.stages[]": "STAGE",
             "mail": "MAIL", "mail.smtp": "SMTP", "mail.exchange": "EXCHANGE",
             "mail.graph": "GRAPH", "mail.imap": "IMAP", "mail.campaigns.*": "CAMPAIGN",
             "schedule": "SCHEDULE", "rules.*": "RULES", "rules.*.conditions[]": "CONDITION",
             "validation": "VALIDATION", "sync": "SYNC", "sync.assignment[]": "ASSIGNMENT",
             "documents": "DOCUMENTS", "documents.kinds.*": "DOCUMENT_KIND",
             "analysis": "ANALYSIS", "reminders": "REMINDERS",
             "reminders.levels[]": "REMINDER_LEVEL", "commission": "COMMISSION"}
    assert list(names) == list(declared.SECTIONS)
    for section, name in names.items():
        assert getattr(declared, name) is declared.SECTIONS[section], name

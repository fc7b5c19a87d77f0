"""The fast paths of the rules (C loops, the reader's text scan, values normalised once) find
exactly what the plain cell-by-cell walk finds."""

from __future__ import annotations

import re

import pytest

from crm_office.config import load_config
from crm_office.problems import Problem, make_problem
from crm_office.validate import validate_tables
from crm_office.validate.rules.id_scheme import misfits
from crm_office.validate.rules.required import indexes_of
from crm_office.workbook.reader import _read_texts, read_office
from tests.office_builder import base_tables, build_office


def flat(problems: list[Problem]) -> list[tuple[str, str, str, str]]:
    return [(p.file, p.cell, p.code, p.message) for p in problems]


def messy_tables() -> dict[str, list[list[object]]]:
    tables = base_tables()
    clients = tables["clients"]
    clients[1][1] = " Acme Ltd"  # spaces around a name
    clients[2][2] = "active "  # and around a choice
    tables["invoices"][1][2] = None  # a required cell left empty
    return tables


def test_the_same_problems_with_and_without_the_readers_text_scan(tmp_path) -> None:
    config = load_config(build_office(tmp_path, messy_tables()))
    runs = []
    for scanned in (True, False):
        tables = read_office(config)
        clients = tables["clients"].parts[0]
        names = clients.columns["name"]
        names[1] = "x" * 40_000  # longer than a cell holds (xlsxwriter cannot write it)
        clients.columns["name"], clients.texts["name"] = _read_texts(names)
        for part in (part for read in tables.values() for part in read.parts):
            assert part.texts  # the reader noted its text columns
            if not scanned:
                part.texts.clear()
        runs.append(validate_tables(config, tables).problems.items)
    codes = {problem.code for problem in runs[0]}
    assert {"text-untrimmed", "text-too-long", "required-missing"} <= codes
    assert flat(runs[0]) == flat(runs[1])


def test_the_reader_notes_the_longest_text_and_texts_with_spaces_around() -> None:
    texts, scan = _read_texts(["a", "", " b", "c\t", "   ", None, 12.0, "dddd", "e e"])
    assert texts == ["a", None, " b", "c\t", None, None, "12", "dddd", "e e"]
    assert (scan.longest, scan.untrimmed) == (4, [2, 3])


@pytest.mark.parametrize(("values", "wanted"), [
    ([], []), ([None], [0]), (["a", None, "b", None], [1, 3]), (["a", "b"], []),
])
def test_indexes_of_finds_every_place(values: list[object], wanted: list[int]) -> None:
    assert list(indexes_of(None, values)) == wanted


def test_misfits_keep_ids_that_fit_with_spaces_around() -> None:
    pattern = re.compile(r"К-(?P<n>\d{4,})", re.IGNORECASE)
    assert misfits(pattern, ["К-0001", " К-0002 ", "K-0003", "к-0004", "К-12"]) == \
        {"K-0003", "К-12"}  # Latin K, too few digits


def test_a_problem_is_the_same_value_as_one_built_field_by_field() -> None:
    made = make_problem("text-untrimmed", file="clients.xlsx", sheet="Clients", row=2,
                        column=3, header="Name", value=" Acme", fix="remove-spaces",
                        replacement="Acme")
    built = Problem(**{name: getattr(made, name) for name in Problem.__dataclass_fields__})
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    with pytest.raises(AttributeError):
        made.code = "other"  # type: ignore[misc]


def test_workers_start_as_soon_as_their_table_is_read(tmp_path) -> None:
    """The slow work of a table starts before the next workbook is read (second core)."""
    from crm_office.validate import BUILTIN_RULES, validate_office
    from crm_office.validate.context import ValidationContext
    from crm_office.validate.rule import Rule

    events: list[tuple[str, ...]] = []

    class Recorder(Rule):
        def prepare(self, ctx: ValidationContext) -> None:
            events.append(("prepare", *ctx.tables))

        def check(self, ctx: ValidationContext) -> list[Problem]:
            return []

    config = load_config(build_office(tmp_path, base_tables()))
    keys = list(config.tables)
    validate_office(config, lambda step: events.append(("step", step)),
                    [Recorder(), *(kind() for kind in BUILTIN_RULES)])
    assert events.index(("prepare", keys[0])) < events.index(("step", keys[1]))
    assert events.index(("prepare", *keys)) < events.index(("step", "Recorder"))


def test_phones_and_tax_ids_checked_in_workers_table_by_table_give_the_same_problems(
        tmp_path, monkeypatch) -> None:
    from crm_office.validate.rules import phone, tax_id

    tables = messy_tables()
    clients = tables["clients"]
    clients[1][4], clients[2][4] = "0117 496 0000", "12345"
    clients[1][5], clients[2][5] = "GB123456789", "GB 123456782 "
    config = load_config(build_office(tmp_path, tables))
    from crm_office.validate import validate_office

    here = flat(validate_office(config).problems)
    assert {"phone-format", "phone-invalid", "tax-id-invalid"} <= {p[2] for p in here}
    monkeypatch.setattr(phone, "IN_WORKER_FROM", 1)
    monkeypatch.setattr(tax_id, "IN_WORKER_FROM", 1)
    phone.parse_phone.cache_clear()
    rules = [phone.PhoneRule(), tax_id.TaxIdRule()]
    in_workers = flat(validate_office(config, rules=rules).problems)
    codes = ("phone-format", "phone-invalid", "tax-id-invalid")
    assert [p for p in in_workers if p[2] in codes] == [p for p in here if p[2] in codes]
    assert len(rules[0]._pending) >= 1 and len(rules[1]._pending) >= 1  # workers did run


def test_sheets_parsed_ahead_in_a_thread_read_as_one_by_one(tmp_path, monkeypatch) -> None:
    import threading

    from crm_office.workbook import reader
    from crm_office.workbook.reader import read_table

    config = load_config(build_office(tmp_path, messy_tables()))
    threads: list[str] = []
    parse_ahead = reader.parse_ahead

    def recorded(book, sheet) -> None:  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        parse_ahead(book, sheet)

    monkeypatch.setattr(reader, "parse_ahead", recorded)
    ahead = read_office(config)
    assert len(threads) == len(config.tables) - 1
    assert all(name.startswith("parse-ahead") for name in threads)
    for key, table_config in config.tables.items():
        alone = read_table(table_config, config.locale)
        assert [part.columns for part in ahead[key].parts] == [p.columns for p in alone.parts]
        assert flat(list(ahead[key].problems)) == flat(list(alone.problems))

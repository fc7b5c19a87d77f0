"""The office's tables read from the store (as the last sync left them) into the frames
the analysis reads, without opening a workbook.

One query per table (record ID and JSON text), one JSON parse per table, only the
columns the analysis reads; each column's canonical text becomes the value the workbook
reader gives (dates, Decimal money rounded to cents as a number cell gives it, integers,
yes/no), converted once per distinct text. The engine's own columns the analysis reads
(a deal's *Days in stage*) come from the values the sync wrote into the workbooks, which
it keeps in the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from crm_office.analysis.frames import OfficeFrames, normalise
from crm_office.model import BUILTIN_TABLES, Column, ColumnType

if TYPE_CHECKING:
    import pandas
    from sqlalchemy.engine import Connection

    from crm_office.config.model import Config
    from crm_office.store import Store

READ = {
    "clients": ("id", "name", "manager", "status", "source", "segment", "region", "industry",
                "created"),
    "contacts": ("date", "client_id", "manager", "type", "next_date"),
    "deals": ("id", "title", "client_id", "manager", "stage", "created", "closed", "amount",
              "refusal_reason", "lost_at_stage", "product_group", "campaign_id",
              "days_in_stage"),
    "invoices": ("number", "date", "client_id", "deal_id", "amount", "due_date"),
    "payments": ("invoice", "date", "amount"),
    "campaigns": ("id", "name", "channel", "budget"),
    "complaints": ("client_id", "date", "deadline", "status"),
    "surveys": ("client_id", "date", "csat", "nps"),
    "managers": ("name", "email", "commission", "active"),
}
"""Table -> the columns the weekly analysis reads (the others stay empty)."""
ENGINE_KEY = "engine_values:{table}"
CENT = Decimal("0.01")


def read_store_frames(config: Config, store: Store) -> OfficeFrames:
    """Every table the office configures, from the store's records (archived ones left out)."""
    import pandas

    tables: dict[str, pandas.DataFrame] = {}
    for key, table in BUILTIN_TABLES.items():
        wanted = READ.get(key, ()) if key in config.tables else ()
        frame = pandas.DataFrame()
        if wanted:
            engine = _engine_values(store, key, wanted)
            ids, datas = store.read(_records, key, bool(engine) or table.id_column in wanted)
            frame = pandas.DataFrame({
                name: _column(table.column(name), ids if name == table.id_column else
                              _field(datas, ids, engine.get(name), name))
                for name in wanted}, index=range(len(datas)))
        tables[key] = normalise(key, frame, config.funnel)
    return OfficeFrames(tables)


def _records(conn: Connection, table: str,
             with_ids: bool) -> tuple[list[str], list[dict[str, Any]]]:
    """Record IDs (when asked) and field values, in ID order: straight from the database
    driver, one parse of all the JSON texts."""
    from crm_office.store import jsontext

    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    columns = "record_id, data" if with_ids else "data"
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"SELECT {columns} FROM records WHERE table_key = {mark} "
                       f"AND archived = {mark} ORDER BY record_id", (table, False))
        rows = cursor.fetchall()
    finally:
        cursor.close()
    ids = [row[0] for row in rows] if with_ids else []
    datas: list[dict[str, Any]] = jsontext.load_many([row[-1] for row in rows])
    return ids, datas


def _engine_values(store: Store, table: str,
                   wanted: Iterable[str]) -> dict[str, dict[str, str | None]]:
    """Engine column -> record ID -> the value the last sync wrote (columns in ``wanted``)."""
    engine = [column.key for column in BUILTIN_TABLES[table].columns
              if column.key in wanted and column.owner == "engine"]
    text = store.meta(ENGINE_KEY.format(table=table)) if engine else None
    if text is None:
        return {}
    kept: dict[str, dict[str, str | None]] = json.loads(text)
    return {name: {record_id: values.get(name) for record_id, values in kept.items()}
            for name in engine}


def _field(datas: list[dict[str, Any]], ids: list[str],
           engine: dict[str, str | None] | None, name: str) -> list[Any]:
    if engine is not None:
        return [engine.get(record_id) for record_id in ids]
    return [data.get(name) for data in datas]


def _column(column: Column, texts: list[Any]) -> pandas.Series:
    """Canonical texts as the workbook reader's values, each distinct text converted once."""
    import pandas

    codes, uniques = pandas.factorize(pandas.Series(texts, dtype=object))
    return typed_column(column, codes, list(uniques))


def typed_column(column: Column, codes: Any, texts: list[str]) -> pandas.Series:
    """The column whose row ``i`` holds canonical text ``texts[codes[i]]`` (-1: empty), as
    the workbook reader gives it; each distinct text is converted once."""
    import numpy
    import pandas

    if column.type is ColumnType.DATE:
        days = pandas.to_datetime(pandas.Series(texts, dtype=object), format="ISO8601",
                                  errors="coerce").to_numpy()
        values = numpy.full(len(codes), numpy.datetime64("NaT"), dtype=days.dtype)
    else:
        convert = CONVERTERS.get(column.type)
        days = numpy.array([convert(text) for text in texts] if convert else texts,
                           dtype=object)
        values = numpy.full(len(codes), None, dtype=object)
    known = codes >= 0
    values[known] = days[codes[known]]
    return pandas.Series(values)


def _money(text: str) -> Decimal | None:
    """A number cell's amount: whole, or with its cents shown (canonical text has no
    trailing zeros, so a point means a fraction)."""
    number = _number(text)
    if number is None or "." not in text:
        return number
    return number.quantize(CENT)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _integer(text: str) -> int | None:
    number = _number(text)
    return None if number is None else int(number)


def _bool(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text)


CONVERTERS: dict[ColumnType, Callable[[str], Any]] = {
    ColumnType.MONEY: _money, ColumnType.NUMBER: _number, ColumnType.INTEGER: _integer,
    ColumnType.BOOL: _bool}

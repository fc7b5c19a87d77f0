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
            ids, datas = store.read(_records, key)
            engine = _engine_values(store, key, wanted)
            frame = pandas.DataFrame({
                name: _column(table.column(name), ids if name == table.id_column else
                              _field(datas, ids, engine.get(name), name))
                for name in wanted})
        tables[key] = normalise(key, frame, config.funnel)
    return OfficeFrames(tables)


def _records(conn: Connection, table: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Record IDs and their field values, in ID order."""
    import sqlalchemy as sa

    from crm_office.store import jsontext, schema

    rec = schema.records
    rows = conn.execute(sa.select(rec.c.record_id, rec.c.data)
                        .where(rec.c.table_key == table, rec.c.archived == sa.false())
                        .order_by(rec.c.record_id)).all()
    ids = [row[0] for row in rows]
    datas: list[dict[str, Any]] = jsontext.load_many([row[1] for row in rows])
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

    series = pandas.Series(texts, dtype=object)
    convert = CONVERTERS.get(column.type)
    if column.type is ColumnType.DATE:
        return pandas.to_datetime(series, format="ISO8601", errors="coerce")
    if convert is None or series.empty:
        return series
    values = {text: convert(text) for text in series.dropna().unique()}
    return series.map(values).astype(object)


def _money(text: str) -> Decimal | None:
    number = _number(text)
    if number is None or number == number.to_integral_value():
        return number
    return number.quantize(CENT)  # a number cell's amount: cents shown


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

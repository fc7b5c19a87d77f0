"""Translate backend errors (SQLAlchemy, sqlite3, psycopg, the file system) into StoreError.

JSON that does not parse is a backend error too: the store wrote it, so the store is damaged.

The one place where a database's own exceptions are caught: each gets a reason,
a message an office manager can act on and a hint. Nothing else escapes the store.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy.exc

from crm_office.catalogue import Text
from crm_office.errors import StoreError
from crm_office.store.location import hide_password


@dataclass(frozen=True)
class Diagnosis:
    """What a family of backend messages means for the person running crm-office."""

    needles: tuple[str, ...]
    reason: str
    message: str
    """Catalogue key of the message."""
    hint: str
    """Catalogue key of the hint."""
    every: bool = False  # all needles must be in the message, not just one


DIAGNOSES = (
    Diagnosis(("database is locked", "database table is locked"), "locked",
              "store.locked", "hint.store-locked"),
    Diagnosis(("file is not a database", "malformed", "disk image"), "corrupt",
              "store.corrupt", "hint.store-corrupt"),
    Diagnosis(("unable to open database file",), "missing", "store.cannot-open",
              "hint.store-folder-exists"),
    Diagnosis(("readonly database", "read-only"), "failed", "store.read-only",
              "hint.store-permissions"),
    Diagnosis(("password authentication failed", "no password supplied"), "unreachable",
              "store.login-refused", "hint.store-login"),
    Diagnosis(("database", "does not exist"), "missing", "store.no-database",
              "hint.store-createdb", every=True),
    Diagnosis(("connection refused", "could not connect", "connection failed",
               "timeout expired", "could not translate host name", "name or service",
               "no route to host", "server closed the connection"), "unreachable",
              "store.unreachable", "hint.store-server"),
    Diagnosis(("disk is full", "no space left", "database or disk is full"), "failed",
              "store.disk-full", "hint.free-disk"),
)
"""Message and hint are catalogue keys (crm_office/catalogue/store.py); ``{detail}`` is the
database's own first line."""


def backend_errors() -> tuple[type[BaseException], ...]:
    """Exception classes of the backends the store may use."""
    kinds: list[type[BaseException]] = [sqlalchemy.exc.SQLAlchemyError, sqlite3.Error,
                                        OSError, json.JSONDecodeError]
    psycopg = sys.modules.get("psycopg")  # not imported yet: none of its errors can be here
    if psycopg is not None:
        kinds.append(psycopg.Error)
    return tuple(kinds)


@contextmanager
def translating(location: str, secrets: tuple[str, ...] = ()) -> Iterator[None]:
    """Re-raise backend errors raised inside the block as StoreError."""
    try:
        yield
    except StoreError:
        raise
    except backend_errors() as exc:
        raise translate(exc, location, secrets) from exc


def translate(exc: BaseException, location: str, secrets: tuple[str, ...] = ()) -> StoreError:
    """The StoreError that tells a person what ``exc`` means."""
    text = first_line(exc, secrets)
    if isinstance(exc, sqlalchemy.exc.ArgumentError | sqlalchemy.exc.NoSuchModuleError):
        return _error("store.not-a-store-url", "hint.store-url", "failed", text, location)
    if isinstance(exc, json.JSONDecodeError):
        return _error("store.damaged-data", "hint.store-restore-backup", "corrupt", text,
                      location)
    if isinstance(exc, OSError):
        return _error("store.cannot-create", "hint.store-folder-writable", "missing", text,
                      location)
    lowered = text.lower()
    for diagnosis in DIAGNOSES:
        if _matches(diagnosis, lowered):
            return _error(diagnosis.message, diagnosis.hint, diagnosis.reason, text, location)
    return _error("store.failed", "hint.store-nothing-saved", "failed", text, location)


def _error(message: str, hint: str, reason: str, detail: str, location: str) -> StoreError:
    return StoreError(Text(message, detail=detail), location=location, reason=reason,
                      hint=Text(hint))


def _matches(diagnosis: Diagnosis, lowered: str) -> bool:
    test = all if diagnosis.every else any
    return test(needle in lowered for needle in diagnosis.needles)


def first_line(exc: BaseException, secrets: tuple[str, ...] = ()) -> str:
    """The backend's own message, its first line, passwords hidden."""
    orig = getattr(exc, "orig", None)
    source = orig if isinstance(orig, BaseException) else exc
    lines = [line.strip() for line in str(source).splitlines() if line.strip()]
    text = lines[0] if lines else type(source).__name__
    return hide_password(text, secrets)

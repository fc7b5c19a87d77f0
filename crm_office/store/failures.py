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

from crm_office.errors import StoreError
from crm_office.store.location import hide_password


@dataclass(frozen=True)
class Diagnosis:
    """What a family of backend messages means for the person running crm-office."""

    needles: tuple[str, ...]
    reason: str
    message: str
    hint: str
    every: bool = False  # all needles must be in the message, not just one


DIAGNOSES = (
    Diagnosis(("database is locked", "database table is locked"), "locked",
              "is locked by another crm-office run",
              "the store file is locked by another crm-office run: wait for it to finish"),
    Diagnosis(("file is not a database", "malformed", "disk image"), "corrupt",
              "is not a crm-office store or is damaged",
              "database is corrupt: restore the backup, or check paths.store"),
    Diagnosis(("unable to open database file",), "missing", "cannot be opened",
              "check paths.store: the folder must exist and be writable"),
    Diagnosis(("readonly database", "read-only"), "failed", "is read-only",
              "check the permissions of the store file and its folder"),
    Diagnosis(("password authentication failed", "no password supplied"), "unreachable",
              "refused the user name or password",
              "check the user and password in paths.store"),
    Diagnosis(("database", "does not exist"), "missing", "the database does not exist",
              "create it (createdb NAME) or fix the database name in paths.store", every=True),
    Diagnosis(("connection refused", "could not connect", "connection failed",
               "timeout expired", "could not translate host name", "name or service",
               "no route to host", "server closed the connection"), "unreachable",
              "cannot connect to the database server",
              "is PostgreSQL running? check paths.store (host, port, database)"),
    Diagnosis(("disk is full", "no space left", "database or disk is full"), "failed",
              "the disk is full", "free some disk space, then run again"),
)


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
    text = _first_line(exc, secrets)
    if isinstance(exc, sqlalchemy.exc.ArgumentError | sqlalchemy.exc.NoSuchModuleError):
        return StoreError(f"is not a store URL crm-office can use ({text})",
                          location=location, reason="failed",
                          hint="use a file name, or postgresql://user:password@host/database")
    if isinstance(exc, json.JSONDecodeError):
        return StoreError(f"holds damaged data ({text})", location=location, reason="corrupt",
                          hint="database is corrupt: restore the backup")
    if isinstance(exc, OSError):
        return StoreError(f"cannot be created ({text})", location=location, reason="missing",
                          hint="check paths.store: its folder must be one you can write to")
    lowered = text.lower()
    for diagnosis in DIAGNOSES:
        if _matches(diagnosis, lowered):
            return StoreError(f"{diagnosis.message} ({text})", location=location,
                              reason=diagnosis.reason, hint=diagnosis.hint)
    return StoreError(f"failed: {text}", location=location, reason="failed",
                      hint="nothing of this run was saved; fix the cause and run again")


def _matches(diagnosis: Diagnosis, lowered: str) -> bool:
    test = all if diagnosis.every else any
    return test(needle in lowered for needle in diagnosis.needles)


def _first_line(exc: BaseException, secrets: tuple[str, ...]) -> str:
    orig = getattr(exc, "orig", None)
    source = orig if isinstance(orig, BaseException) else exc
    lines = [line.strip() for line in str(source).splitlines() if line.strip()]
    text = lines[0] if lines else type(source).__name__
    return hide_password(text, secrets)

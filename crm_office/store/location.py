"""Where a store lives: paths.store turned into a URL and a label safe to show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

DRIVERLESS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


@dataclass(frozen=True)
class Target:
    """A store's SQLAlchemy URL, its label (password masked) and, for SQLite, its file."""

    url: str
    label: str
    path: Path | None = None
    secrets: tuple[str, ...] = ()


def resolve(location: str, root: Path) -> Target:
    """Turn ``paths.store`` into a target.

    Anything with "://" is a SQLAlchemy URL (a bare ``postgresql://`` gets psycopg);
    anything else is a SQLite file, relative to ``root`` unless absolute.
    """
    if "://" in location:
        scheme, rest = location.split("://", 1)
        url = f"{DRIVERLESS.get(scheme.lower(), scheme)}://{rest}"
        return Target(url=url, label=mask_password(url), secrets=_passwords(url))
    path = Path(location).expanduser()
    if not path.is_absolute():
        path = root / path
    return Target(url=f"sqlite+pysqlite:///{path}", label=str(path), path=path)


# user:password@ up to the last "@" before the host: an unescaped "@" or "/" in a
# password is still hidden (a stray "@" in the query hides a little too much, never too little)
PASSWORD = re.compile(r"^([^:/]+://[^:/@]*:)(.*)@(?=[^@/]*(?:/|$))")


def mask_password(url: str) -> str:
    """The URL with its password replaced by ``***``."""
    return PASSWORD.sub(r"\1***@", url)


def _passwords(url: str) -> tuple[str, ...]:
    """The password as written and decoded, to scrub from backend messages."""
    found = PASSWORD.match(url)
    if not found or not found.group(2):
        return ()
    return tuple({found.group(2), unquote(found.group(2))})

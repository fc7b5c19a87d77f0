"""Where a store lives: paths.store turned into a URL and a label safe to show."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from crm_office.catalogue import Text
from crm_office.errors import StoreError

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
        password = _parse(url).password
        secrets = tuple({str(password), quote(str(password), safe="")}) if password else ()
        return Target(url=url, label=mask_password(url), secrets=secrets)
    path = Path(location).expanduser()
    if not path.is_absolute():
        path = root / path
    return Target(url=f"sqlite+pysqlite:///{path}", label=str(path), path=path)


# user:password@ up to the last "@" before the host: an unescaped "@" or "/" in a
# password is still hidden (a stray "@" in the query hides a little too much, never too little)
PASSWORD = re.compile(r"^([^:/]+://[^:/@]*:)(.*)@(?=[^@/]*(?:/|$))")


def mask_password(url: str) -> str:
    """The URL with its password (and nothing else) replaced by ``***``."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return PASSWORD.sub(r"\1***@", url)
    return parsed.render_as_string(hide_password=True)


def hide_password(text: str, secrets: tuple[str, ...]) -> str:
    """A backend's message with the password hidden where it stands as a password.

    Only ``user:PASSWORD@`` and ``password=PASSWORD``: a short password such as "p"
    must not turn "port" into "***ort".
    """
    for secret in sorted(secrets, key=len, reverse=True):
        escaped = re.escape(secret)
        text = re.sub(rf":{escaped}@", ":***@", text)
        text = re.sub(rf"(password\s*=\s*['\"]?){escaped}(?=['\"\s]|$)", r"\1***", text,
                      flags=re.IGNORECASE)
    return text


ESCAPES = "@ → %40, / → %2F, : → %3A"
"""How a password writes the characters a URL reserves."""


def _parse(url: str) -> URL:
    """The URL as SQLAlchemy reads it; one it cannot read is a clear StoreError."""
    try:
        return make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(Text("store.bad-url"), location=mask_password(url), reason="failed",
                         hint=Text("hint.store-url-escapes", escapes=ESCAPES)) from exc

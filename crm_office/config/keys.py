"""A config key declared by its typed field: ``too_few: int = key(10, "help")``.

The field's annotation is the key's type in the loaded config, ``key``'s first argument
its default, and the metadata its help, its allowed values and — where the file writes
it otherwise than the config holds it — the file's type and default (a percentage the file
writes as 5 and the config holds as ``Decimal("5")``; a list the file writes as ``[]`` and the
config holds as a tuple). :func:`crm_office.config.settings.settings_of` turns such a
dataclass into the declarations the loader checks files against and README documents.

A field the loader adds that is no key of the file (the office folder, where a rule stands,
the name of a campaign: the key of its table) is :func:`made` and is no declaration.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

NO_DEFAULT = object()
"""``key(NO_DEFAULT, ...)``: the key must be in the file."""

SAME = object()
"""``file_default=SAME``: the file's default is the field's."""


def key(default: Any, about: str, *, choices: tuple[str, ...] = (),
        file_type: type | tuple[type, ...] | None = None, file_default: Any = SAME,
        secret: bool = False) -> Any:
    """A dataclass field that declares its config key: default, help text (``about``) and the
    rest (see the module's docstring). ``secret``: the file names an environment variable,
    ``{ env = "NAME" }``, and the config holds a :class:`~crm_office.config.model.Secret`."""
    metadata = {"help": about, "choices": choices, "file_type": file_type,
                "file_default": file_default, "secret": secret}
    if default is NO_DEFAULT:
        return field(metadata=metadata)
    if isinstance(default, list | dict):
        copy = default.copy
        return field(default_factory=copy, metadata=metadata)
    return field(default=default, metadata=metadata)


def made(*, kw_only: bool = False) -> Any:
    """A dataclass field the loader fills in that is not a key of the file. ``kw_only``: for a
    field named ``key``, written after the others so that it does not hide this module's
    :func:`key` in the class body."""
    return field(kw_only=kw_only, metadata={"made": True})

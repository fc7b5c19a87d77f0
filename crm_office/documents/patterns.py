"""Number patterns of documents: ``INV-{year}-{n:05d}``, ``КП-{year}/{n:03d}``."""

from __future__ import annotations

from crm_office.errors import ConfigError


def format_number(pattern: str, kind: str, year: int, seq: int) -> str:
    """``INV-{year}-{n:05d}`` and 1 → ``INV-2026-00001``."""
    return pattern.format(year=year, n=seq, kind=kind)


def check_pattern(pattern: str, key_path: str) -> str:
    """A number pattern that formats; else a ConfigError naming the key."""
    try:
        first, second = format_number(pattern, "k", 2026, 1), format_number(pattern, "k", 2026, 2)
    except (KeyError, ValueError, IndexError) as exc:
        raise ConfigError(f"'{pattern}' is not a number pattern: {exc}", key_path=key_path,
                          hint='use {year} and {n}, e.g. "INV-{year}-{n:05d}" or '
                               '"КП-{year}/{n:03d}"') from exc
    if first == second:
        raise ConfigError(f"'{pattern}' gives every document the same number",
                          key_path=key_path, hint="put {n} (the sequence number) in it")
    return pattern

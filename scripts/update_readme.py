"""Regenerate the reference tables in README.md from the code (config keys, problem codes,
every table's field keys with their headers).

Run: .venv/bin/python scripts/update_readme.py — the docs tests fail until README is current.
"""

from __future__ import annotations

import re
from pathlib import Path

from crm_office.config.settings import REQUIRED, SECTIONS
from crm_office.messages import CATALOGUE
from crm_office.model import BUILTIN_TABLES, Column, Owner

README = Path(__file__).resolve().parent.parent / "README.md"
TYPE_NAMES = {"str": "text", "int": "integer", "float": "number", "bool": "true/false",
              "list": "list", "dict": "table"}


def config_reference() -> str:
    lines: list[str] = []
    for section, settings in SECTIONS.items():
        if not section:
            continue
        lines += ["", f"**`[{section}]`**", "", "| key | type | default | meaning |",
                  "|---|---|---|---|"]
        for setting in settings:
            kinds = setting.type if isinstance(setting.type, tuple) else (setting.type,)
            kind = " or ".join(TYPE_NAMES[k.__name__] for k in kinds)
            if setting.secret:
                kind = 'secret `{ env = "NAME" }`'
            if setting.default is REQUIRED:
                default = "required"
            elif setting.default in ("", None, [], {}):
                default = "—"
            else:
                default = "`" + repr(setting.default).replace("'", '"') + "`"
            choices = f" One of: {', '.join(setting.choices)}." if setting.choices else ""
            lines.append(f"| `{section}.{setting.key}` | {kind} | {default} | "
                         f"{setting.help}{choices} |")
    return "\n".join(lines).strip()


def problem_codes() -> str:
    lines = ["| code | severity | message (English) |", "|---|---|---|"]
    for code, (severity, english, _russian) in CATALOGUE.items():
        lines.append(f"| `{code}` | {severity} | {english.replace('|', '/')} |")
    return "\n".join(lines)


FIELD_TYPES = {"bool": "yes/no", "tax_id": "tax id", "email": "e-mail"}


def field_keys() -> str:
    """Per table: each field key, its English and Russian header, the other accepted headers."""
    lines: list[str] = []
    for key, table in BUILTIN_TABLES.items():
        lines += ["", f"**`{key}`** — {table.en} / {table.ru}", "",
                  "| field key | English header | Russian header | also accepted | type |",
                  "|---|---|---|---|---|"]
        for column in table.columns:
            aliases = ", ".join(column.aliases) or "—"
            lines.append(f"| `{column.key}` | {column.en} | {column.ru} | {aliases} | "
                         f"{_field_type(column)} |")
    return "\n".join(lines).strip()


def _field_type(column: Column) -> str:
    notes = [FIELD_TYPES.get(column.type.value, column.type.value)]
    if column.required:
        notes.append("required")
    if column.unique:
        notes.append("unique")
    if column.references:
        notes.append(f"→ {column.references}")
    if column.owner is not Owner.PERSON:
        notes.append("engine")
    return ", ".join(notes)


def generated_blocks() -> dict[str, str]:
    """Every generated block of README.md by its marker name."""
    return {"config-reference": config_reference(), "problem-codes": problem_codes(),
            "field-keys": field_keys()}


def replace_block(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n)(?:.*?\n)?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no <!-- {name}:start/end --> markers")
    return pattern.sub(lambda match: match.group(1) + body + "\n" + match.group(2), text)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    for name, body in generated_blocks().items():
        text = replace_block(text, name, body)
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

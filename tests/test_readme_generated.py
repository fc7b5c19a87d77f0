"""README's reference tables are exactly what scripts/update_readme.py generates from the code."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from crm_office.model import BUILTIN_TABLES

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def generator():
    spec = importlib.util.spec_from_file_location("update_readme",
                                                  ROOT / "scripts" / "update_readme.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BLOCKS = generator().generated_blocks()


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_generated_block_is_current(name: str) -> None:
    found = re.search(rf"<!-- {name}:start -->\n(.*?)\n<!-- {name}:end -->", README, re.S)
    assert found, f"README.md lacks the {name} markers"
    assert found.group(1) == BLOCKS[name], "run .venv/bin/python scripts/update_readme.py"


@pytest.mark.parametrize("table", sorted(BUILTIN_TABLES))
def test_every_field_key_with_both_headers(table: str) -> None:
    for column in BUILTIN_TABLES[table].columns:
        assert f"| `{column.key}` | {column.en} | {column.ru} |" in BLOCKS["field-keys"]

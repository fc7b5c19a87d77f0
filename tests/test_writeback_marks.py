"""Marks: the engine's fill and note on a cell; cleared when the problem is gone.

People's fills and comments are never changed, whatever the engine does.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fixtures_writeback import (
    PERSON_COMMENT,
    PERSON_COMMENT_CELL,
    PERSON_FILL_CELL,
    PERSON_FILL_RGB,
    TARGET,
    WRITERS,
    libreoffice_resave,
    members,
    soffice,
    staff_copy,
)

from crm_office.writeback import (
    ENGINE_FILL_RGB,
    ENGINE_SIGNATURE,
    Mark,
    WorkbookPatch,
    write_back,
)

FIRST = [Mark(2, 4, "E-mail bounced"), Mark(6, 2, "Duplicate client"),
         Mark(7, 7, "Date in the future"), Mark(30, 3, "Status missing"),
         Mark(5, 3, "Status unknown"), Mark(3, 2, "Name too short")]


def page(path: Path) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)[TARGET]


def engine_marks(path: Path) -> dict[str, tuple[bool, str | None]]:
    """Cell -> (has the engine fill, engine note text) for every engine mark."""
    sheet = page(path)
    found: dict[str, tuple[bool, str | None]] = {}
    for row in sheet.iter_rows():
        for cell in row:
            filled = cell.fill.patternType == "solid" and cell.fill.fgColor.rgb == ENGINE_FILL_RGB
            comment = cell.comment
            note = None
            if comment is not None and comment.text.endswith(ENGINE_SIGNATURE):
                note = comment.text.removesuffix(ENGINE_SIGNATURE)
            if filled or note is not None:
                found[cell.coordinate] = (filled, note)
    return found


def person_work(path: Path) -> tuple[str, str, str]:
    sheet = page(path)
    return (sheet[PERSON_FILL_CELL].fill.fgColor.rgb, sheet[PERSON_COMMENT_CELL].comment.text,
            sheet[PERSON_FILL_CELL].value)


def apply(path: Path, marks: list[Mark], clear: bool) -> Any:
    patch = WorkbookPatch(path)
    sheet = patch.sheet(TARGET)
    if clear:
        sheet.clear_marks()
    for mark in marks:
        sheet.mark(mark)
    return write_back(patch, backups=path.parent / "backups")


@pytest.fixture(params=WRITERS)
def staff(request: pytest.FixtureRequest, tmp_path: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The staff workbook as xlsxwriter, Excel 365 and LibreOffice write it."""
    return staff_copy(request.param, tmp_path / "book", tmp_path_factory.getbasetemp())


def test_marks_then_clear_keep_only_the_marks_given_again(staff: Path) -> None:
    person = person_work(staff)
    styles_before = _cell_styles(staff)
    author = page(staff)[PERSON_COMMENT_CELL].comment.author  # LibreOffice keeps none
    first = apply(staff, FIRST, clear=True)
    assert first.marks_added == 6 and first.marks_removed == 0
    assert engine_marks(staff) == {
        "D2": (True, "E-mail bounced"), "B6": (True, "Duplicate client"),
        "G7": (True, "Date in the future"), "C30": (True, "Status missing"),
        "C5": (False, "Status unknown"),  # a person's fill: note only
        "B3": (True, None),  # a person's comment: fill only
    }
    assert person_work(staff) == person
    second = apply(staff, [Mark(6, 2, "Duplicate client"), Mark(2, 4, "E-mail empty")],
                   clear=True)
    assert engine_marks(staff) == {"B6": (True, "Duplicate client"),
                                   "D2": (True, "E-mail empty")}
    assert second.marks_removed == 4 and second.marks_added == 1
    assert person_work(staff) == person
    apply(staff, [], clear=True)
    assert engine_marks(staff) == {}
    assert person_work(staff) == person
    assert _cell_styles(staff) == styles_before, "un-marked cells look as before"
    assert page(staff)[PERSON_COMMENT_CELL].comment.author == author


def _cell_styles(path: Path) -> dict[str, tuple[str, str, bool, str | None]]:
    sheet = page(path)
    return {cell.coordinate: (cell.number_format, cell.font.name, bool(cell.font.b),
                              cell.fill.fgColor.rgb if cell.fill.patternType else None)
            for row in sheet.iter_rows(max_row=21) for cell in row}


def test_marks_are_added_without_clearing_others(staff: Path) -> None:
    apply(staff, FIRST[:2], clear=False)
    apply(staff, FIRST[2:3], clear=False)
    assert set(engine_marks(staff)) == {"D2", "B6", "G7"}


def test_the_vml_shapes_follow_the_notes(staff: Path) -> None:
    apply(staff, FIRST, clear=True)
    vml = _vml(staff)
    assert vml.count(b'ObjectType="Note"') == 1 + 5  # the person's note + 5 engine notes
    apply(staff, [], clear=True)
    vml = _vml(staff)
    assert vml.count(b'ObjectType="Note"') == 1
    assert b"<x:Row>2</x:Row>" in vml, "the person's note (B3) keeps its shape"


def _vml(path: Path) -> bytes:
    parts = members(path)
    return b"".join(content for name, content in parts.items() if name.endswith(".vml"))


def test_a_changed_problem_changes_the_note(staff: Path) -> None:
    apply(staff, [Mark(2, 4, "old text")], clear=True)
    result = apply(staff, [Mark(2, 4, "new text")], clear=True)
    assert engine_marks(staff) == {"D2": (True, "new text")}
    assert result.marks_added == 1 and result.marks_removed == 0


def test_the_mark_fill_is_not_excels_bad_style() -> None:
    assert ENGINE_FILL_RGB != "FFFFC7CE"
    assert re.fullmatch(r"FF[0-9A-F]{6}", ENGINE_FILL_RGB)


@pytest.mark.libreoffice
def test_marks_survive_libreoffice_and_can_be_cleared(staff: Path, tmp_path: Path) -> None:
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    person = person_work(staff)
    apply(staff, FIRST, clear=True)
    resaved = libreoffice_resave(staff, tmp_path / "resaved", tmp_path / "lo")
    book = Path(shutil.copy(resaved, tmp_path / "after-lo.xlsx"))
    marks = engine_marks(book)
    assert set(marks) == {"D2", "B6", "G7", "C30", "C5", "B3"}, (
        "LibreOffice keeps the fill colour; the signature line tells the notes "
        "(it drops comment authors)")
    fill, comment, value = person_work(book)
    assert (fill, comment, value) == person
    assert fill == PERSON_FILL_RGB and PERSON_COMMENT in comment and value == "inactive"
    result = apply(book, [Mark(6, 2, "Duplicate client")], clear=True)
    assert engine_marks(book) == {"B6": (True, "Duplicate client")}
    assert result.marks_removed == 5
    assert person_work(book)[:2] == person[:2]

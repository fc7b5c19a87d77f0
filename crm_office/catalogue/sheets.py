"""Texts of the engine-owned sheets, cell notes and places ("sheet 'X', C17")."""

from __future__ import annotations

SHEETS: dict[str, tuple[str, str]] = {
    "sheet.issues": ("Issues", "Проблемы"),
    "sheet.conflicts": ("Conflicts", "Конфликты"),
    "severity.error": ("error", "ошибка"),
    "severity.warning": ("warning", "предупреждение"),
    "severity.info": ("info", "замечание"),
    "place.sheet": ("sheet '{sheet}'", "лист «{sheet}»"),
    "place.row": ("row {row}", "строка {row}"),
    "place.sheet-row": ("{sheet} row {row}", "«{sheet}», строка {row}"),
    "place.record": ("'{label}' ({place})", "«{label}» ({place})"),
    "issues.severity": ("Severity", "Важность"),
    "issues.sheet": ("Sheet", "Лист"),
    "issues.cell": ("Cell", "Ячейка"),
    "issues.column": ("Column", "Столбец"),
    "issues.value": ("Value", "Значение"),
    "issues.problem": ("Problem", "Проблема"),
    "issues.fix": ("Fix", "Как исправить"),
    "issues.rule": ("Rule", "Правило"),
    "conflicts.conflict": ("Conflict", "Конфликт"),
    "conflicts.table": ("Table", "Таблица"),
    "conflicts.record": ("Record", "Запись"),
    "conflicts.column": ("Column", "Столбец"),
    "conflicts.before": ("Value before", "Было"),
    "conflicts.a": ("A", "A"),
    "conflicts.a-where": ("A typed in", "A введено в"),
    "conflicts.b": ("B", "B"),
    "conflicts.b-where": ("B typed in", "B введено в"),
    "conflicts.more": ("More options", "Другие варианты"),
    "conflicts.decision": ("Decision", "Решение"),
    "conflicts.note": ("Note", "Примечание"),
    "condition.is": ("{header} is '{value}'", "«{header}» = «{value}»"),
    "word.none": ("none", "нет"),
    "detail.not-zip": ("it is not a zip package", "это не ZIP-архив"),
    "detail.in-sheet": ("sheet '{sheet}': {reason}", "лист «{sheet}»: {reason}"),
    "conflicts.unclear": ("Not one of the options: type A, B, one of the values, or keep.",
                          "Не один из вариантов: введите A, B, одно из значений или «оставить»."),
}

ISSUES_COLUMNS = ("issues.severity", "issues.sheet", "issues.cell", "issues.column",
                  "issues.value", "issues.problem", "issues.fix", "issues.rule")
CONFLICTS_COLUMNS = ("conflicts.conflict", "conflicts.table", "conflicts.record",
                     "conflicts.column", "conflicts.before", "conflicts.a", "conflicts.a-where",
                     "conflicts.b", "conflicts.b-where", "conflicts.more", "conflicts.decision",
                     "conflicts.note")

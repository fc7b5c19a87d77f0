"""The catalogue of problem codes: severity and message template per locale.

Codes are stable kebab-case names; documentation and tests rely on them.
Templates use ``str.format`` fields: ``{header}``, ``{value}`` and the
details passed by the code that found the problem.

To add a code, append one line to :data:`CATALOGUE` — ``"code": (severity, English,
Russian)`` with the same fields in both templates — and run scripts/update_readme.py.
Its suggested fix, if new, is one line in :mod:`crm_office.catalogue.fixes`; every
other text a person reads is in :mod:`crm_office.catalogue`.
"""

from __future__ import annotations

from typing import Any

from crm_office.catalogue import fill

# code: (severity, English template, Russian template)
CATALOGUE: dict[str, tuple[str, str, str]] = {
    "file-missing": ("error", "The workbook does not exist.", "Файл книги не найден."),
    "file-not-xlsx": (
        "error", "This is not an Excel workbook (.xlsx): {detail}.",
        "Это не книга Excel (.xlsx): {detail}."),
    "file-old-xls": (
        "error", "This is an old Excel 97-2003 (.xls) file; save it as .xlsx.",
        "Это старый формат Excel 97-2003 (.xls); сохраните файл как .xlsx."),
    "file-encrypted": (
        "error", "The workbook is protected with a password; the engine cannot read it.",
        "Книга защищена паролем; программа не может её прочитать."),
    "file-corrupt": (
        "error", "The workbook is damaged and cannot be read: {detail}.",
        "Книга повреждена и не читается: {detail}."),
    "file-empty": ("error", "The file is empty (0 bytes).", "Файл пустой (0 байт)."),
    "sheet-missing": (
        "error", "Sheet '{sheet}' is not in the workbook; it has: {available}.",
        "В книге нет листа «{sheet}»; есть: {available}."),
    "sheet-empty": ("error", "Sheet '{sheet}' is empty.", "Лист «{sheet}» пустой."),
    "header-not-found": (
        "error", "No header row for table '{table}' found in the first {scanned} rows; "
        "expected headers like: {expected}.",
        "Не найдена строка заголовков таблицы «{table}» в первых {scanned} строках; "
        "ожидаются заголовки вроде: {expected}."),
    "column-missing": (
        "error", "Required column '{expected}' (field {field}) is missing "
        "(accepted headers: {accepted}).",
        "Нет обязательного столбца «{expected}» (поле {field}; подходят заголовки: "
        "{accepted})."),
    "column-duplicate": (
        "warning", "Column '{header}' appears twice; the first one is used.",
        "Столбец «{header}» встречается дважды; используется первый."),
    "cells-merged": (
        "warning", "Cells {span} are merged; only the first holds a value, the rest read as empty.",
        "Ячейки {span} объединены; значение есть только в первой, остальные пустые."),
    "column-unknown": (
        "info", "Column '{header}' is not a field of table {table}; it is kept untouched.",
        "Столбец «{header}» не входит в поля таблицы {table}; он остаётся как есть."),
    "value-not-date": (
        "error", "'{value}' in '{header}' is not a date (expected e.g. 12.03.2025 or 2025-03-12).",
        "«{value}» в столбце «{header}» — не дата (ожидается, например, 12.03.2025)."),
    "value-not-number": (
        "error", "'{value}' in '{header}' is not a number.",
        "«{value}» в столбце «{header}» — не число."),
    "value-not-integer": (
        "error", "'{value}' in '{header}' is not a whole number.",
        "«{value}» в столбце «{header}» — не целое число."),
    "value-not-money": (
        "error", "'{value}' in '{header}' is not an amount of money.",
        "«{value}» в столбце «{header}» — не денежная сумма."),
    "value-not-bool": (
        "error", "'{value}' in '{header}' is not yes/no (accepted: yes, no, да, нет, 1, 0).",
        "«{value}» в столбце «{header}» — не да/нет (подходят: да, нет, yes, no, 1, 0)."),
    "required-missing": (
        "error", "'{header}' must be filled in.", "Нужно заполнить «{header}»."),
    "value-duplicate": (
        "error", "'{value}' in '{header}' is already used at {first}.",
        "«{value}» в столбце «{header}» уже есть: {first}."),
    "choice-unknown": (
        "error", "'{value}' is not an allowed value of '{header}' (allowed: {allowed}).",
        "«{value}» — недопустимое значение «{header}» (допустимы: {allowed})."),
    "email-invalid": (
        "error", "'{value}' in '{header}' is not a valid e-mail address.",
        "«{value}» в столбце «{header}» — неверный адрес эл. почты."),
    "email-case": (
        "info", "E-mail '{value}' has capitals or spaces around it.",
        "Адрес «{value}» содержит заглавные буквы или пробелы по краям."),
    "phone-invalid": (
        "error", "'{value}' in '{header}' is not a valid phone number (country {country}).",
        "«{value}» в столбце «{header}» — неверный номер телефона (страна {country})."),
    "phone-format": (
        "info", "Phone '{value}' is not in {style} format.",
        "Телефон «{value}» записан не в {style} формате."),
    "tax-id-invalid": (
        "error", "'{value}' in '{header}' is not a valid tax ID.",
        "«{value}» в столбце «{header}» — неверный ИНН / налоговый номер."),
    "reference-missing": (
        "error", "'{value}' in '{header}' does not exist in {target}.",
        "«{value}» в столбце «{header}» нет в таблице «{target}»."),
    "lost-without-reason": (
        "error", "The deal is lost but '{header}' is empty.",
        "Сделка проиграна, но «{header}» не заполнено."),
    "lost-without-stage": (
        "error", "The deal is lost but '{header}' (the stage it was lost at) is empty.",
        "Сделка проиграна, но «{header}» (этап отказа) не заполнен."),
    "won-without-amount": (
        "error", "The deal is won but '{header}' is empty.",
        "Сделка выиграна, но «{header}» не заполнена."),
    "next-before-contact": (
        "error", "'{header}' ({value:%d.%m.%Y}) is before the contact's '{other}' "
        "({other_value:%d.%m.%Y}).",
        "«{header}» ({value:%d.%m.%Y}) раньше, чем «{other}» ({other_value:%d.%m.%Y})."),
    "due-before-issued": (
        "error", "'{header}' ({value:%d.%m.%Y}) is before the invoice '{other}' "
        "({other_value:%d.%m.%Y}).",
        "«{header}» ({value:%d.%m.%Y}) раньше даты счёта «{other}» ({other_value:%d.%m.%Y})."),
    "closed-before-opened": (
        "error", "'{header}' ({value:%d.%m.%Y}) is before '{other}' ({other_value:%d.%m.%Y}).",
        "«{header}» ({value:%d.%m.%Y}) раньше, чем «{other}» ({other_value:%d.%m.%Y})."),
    "end-before-start": (
        "error", "'{header}' ({value:%d.%m.%Y}) is before '{other}' ({other_value:%d.%m.%Y}).",
        "«{header}» ({value:%d.%m.%Y}) раньше, чем «{other}» ({other_value:%d.%m.%Y})."),
    "resolved-before-received": (
        "error", "'{header}' ({value:%d.%m.%Y}) is before '{other}' ({other_value:%d.%m.%Y}).",
        "«{header}» ({value:%d.%m.%Y}) раньше, чем «{other}» ({other_value:%d.%m.%Y})."),
    "invoice-overpaid": (
        "error", "Payments of invoice {invoice} add up to {total}, more than its {limit}.",
        "Оплаты по счёту {invoice} составляют {total} — больше суммы счёта {limit}."),
    "client-duplicate": (
        "warning", "'{value}' in '{header}' is also on client {first}.",
        "«{value}» в столбце «{header}» есть и у клиента {first}."),
    "client-similar-name": (
        "warning", "'{value}' looks like the same client as {first}.",
        "«{value}» похоже на того же клиента, что и {first}."),
    "formula-in-cell": (
        "warning", "'{header}' holds a formula where a typed value is expected.",
        "В «{header}» формула, а ожидается введённое значение."),
    "pattern-mismatch": (
        "error", "'{value}' in '{header}' does not match the office's rule {pattern}.",
        "«{value}» в столбце «{header}» не соответствует правилу {pattern}."),
    "condition-unmet": (
        "error", "'{header}' must be filled in when {condition}.",
        "«{header}» нужно заполнить, когда {condition}."),
    "text-untrimmed": (
        "info", "'{value}' in '{header}' has spaces at the start or end.",
        "«{value}» в столбце «{header}» — лишние пробелы по краям."),
    "date-as-text": (
        "info", "'{value}' in '{header}' is a date typed as text.",
        "«{value}» в столбце «{header}» — дата, введённая как текст."),
    "list-table-absent": (
        "info", "'{header}' names rows of the {target} table, which this office does not keep; "
        "the {count} values typed in the column are taken as its list.",
        "«{header}» ссылается на таблицу «{target}», которой в офисе нет; списком считаются "
        "значения, введённые в столбце ({count})."),
    "value-rare-variant": (
        "info", "'{value}' in '{header}' is typed only once; the usual spelling is '{usual}' "
        "({times} times).",
        "«{value}» в столбце «{header}» встречается один раз; обычно пишут «{usual}» "
        "({times} раз)."),
    "id-malformed": (
        "warning", "ID '{value}' does not follow this table's numbering {format} "
        "(e.g. {example}); it is kept as it is.",
        "Код «{value}» не соответствует нумерации таблицы ({example}, {format}); "
        "он сохраняется как есть."),
    "key-column-missing": (
        "error", "Table '{table}' has no '{field}' column, the key its rows are referred to by "
        "(accepted headers: {accepted}); references to it ({referrers}) are not checked until "
        "the column is back.",
        "В таблице «{table}» нет столбца «{field}» — ключа, по которому на её строки ссылаются "
        "(подходят заголовки: {accepted}); ссылки на неё ({referrers}) не проверяются, пока "
        "столбца нет."),
    "text-too-long": (
        "error", "'{header}' holds {length} characters; an Excel cell holds at most {limit}.",
        "В «{header}» {length} символов; в ячейке Excel помещается не больше {limit}."),
    "id-column-lost": (
        "error", "The ID column '{header}' is missing, so {table} was not synced; give the "
        "column its header back.",
        "Нет столбца кодов «{header}», поэтому таблица «{table}» не синхронизирована; верните "
        "столбцу его заголовок."),
    "mass-archive": (
        "error", "{table}: {count:,} of {known:,} records would be archived; nothing was "
        "archived. If they were really deleted, run `{command}`.",
        "«{table}»: в архив ушло бы записей: {count:,} из {known:,}; ничего не убрано в архив. "
        "Если они действительно удалены, выполните `{command}`."),
    "table-not-synced": (
        "error", "{table} was not synced: {places} could not be read (see above). Nothing of "
        "{table} was changed or archived; its edits, also those in manager views, wait for the "
        "next sync. Mend the workbook (run `{command}`) and sync again.",
        "Таблица «{table}» не синхронизирована: не удалось прочитать {places} (см. выше). В ней "
        "ничего не изменено и не убрано в архив; её правки, в том числе в книгах менеджеров, "
        "ждут следующей синхронизации. Исправьте книгу (`{command}`) и синхронизируйте снова."),
}


def render_message(code: str, locale: str, **fields: Any) -> tuple[str, str]:
    """Return ``(severity, message)`` for a code, filled in for the locale."""
    severity, english, russian = CATALOGUE[code]
    return severity, fill(russian if locale == "ru" else english, locale, fields)

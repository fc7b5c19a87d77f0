"""Suggested fixes in Russian: every English fix text the engine writes, translated.

Fix texts are written in English where the problem is found; :func:`translate_fix`
turns them into Russian for a Russian office, in one place.
"""

from __future__ import annotations

import re

FIXED: dict[str, str] = {
    "fill in this cell": "заполните эту ячейку",
    "each value may appear only once": "каждое значение может встречаться только один раз",
    "pick a value from the dropdown list": "выберите значение из выпадающего списка",
    "see the office's rule in config.toml": "см. правило офиса в config.toml",
    "merge the two cards or correct one of them": "объедините две карточки или исправьте одну",
    "check the amount, or record the surplus as an advance on another invoice":
        "проверьте сумму или учтите излишек как аванс по другому счёту",
    "replace the formula by its value (Copy, Paste Special > Values)":
        "замените формулу её значением (Копировать, Специальная вставка > Значения)",
    "remove the spaces": "уберите лишние пробелы",
    "an address needs an @, e.g. name@company.com": "в адресе нужен @, например name@company.ru",
    "one address per cell, without spaces": "один адрес в ячейке, без пробелов",
    "check the spelling, e.g. name@company.com":
        "проверьте написание, например name@company.ru",
    "write the full number with the country code, e.g. +44 117 496 0000":
        "запишите полный номер с кодом страны, например +7 495 123-45-67",
    "type the contract amount": "укажите сумму договора",
    "pick the refusal reason": "выберите причину отказа",
    "pick the stage the deal was lost at": "выберите этап, на котором сделка проиграна",
    "an INN has 10 digits (company) or 12 (person); check for a typo":
        "ИНН содержит 10 цифр (организация) или 12 (физлицо); проверьте, нет ли опечатки",
    "check the number against the client's documents": "сверьте номер с документами клиента",
    "rename the sheet back or correct config.toml":
        "верните листу прежнее имя или исправьте config.toml",
    "restore the data from a backup or fix config.toml":
        "восстановите данные из резервной копии или исправьте config.toml",
    "put the column headers in one row above the data":
        "поместите заголовки столбцов в одну строку над данными",
    "rename or remove one of the two columns": "переименуйте или удалите один из двух столбцов",
    "add an alias in config.toml if it is a known field":
        "добавьте псевдоним в config.toml, если это известное поле",
    "remove the password (File > Info > Protect Workbook) or keep it elsewhere":
        "снимите пароль (Файл > Сведения > Защита книги) или храните книгу в другом месте",
    "remove the password (File > Info > Protect Workbook)":
        "снимите пароль (Файл > Сведения > Защита книги)",
    "open it in Excel and save it again, or restore it from a backup":
        "откройте её в Excel и сохраните заново или восстановите из резервной копии",
    "check the file name in config.toml": "проверьте имя файла в config.toml",
    "restore the workbook from a backup": "восстановите книгу из резервной копии",
    "save it from Excel as 'Excel Workbook (*.xlsx)'":
        "сохраните её в Excel как «Книга Excel (*.xlsx)»",
    "open it in Excel and 'Save As' Excel Workbook (*.xlsx)":
        "откройте её в Excel и «Сохраните как» книгу Excel (*.xlsx)",
    "type the date as 12.03.2025 or format the cell as a date":
        "введите дату как 12.03.2025 или задайте ячейке формат даты",
    "type yes or no": "введите да или нет",
    "type a whole number": "введите целое число",
    "type a number, e.g. 1234.50": "введите число, например 1234,50",
    "keep it if it is right, or write it like the table's other IDs":
        "оставьте его, если он верен, или запишите его как остальные коды таблицы",
    "shorten the text; keep the full text in a document and put its name or link in the cell":
        "сократите текст; полный текст храните в документе, а в ячейку впишите его имя "
        "или ссылку",
}

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(english), russian) for english, russian in (
        (r"^did you mean '(.*)'\?$", r"возможно, вы имели в виду «\1»?"),
        (r"^write it as (.*)$", r"запишите так: \1"),
        (r"^a date on or after (.*)$", r"дата не раньше \1"),
        (r"^use a value that exists in (.*)$", r"укажите значение, которое есть в «\1»"),
        (r"^store it as a real date cell \((.*)\)$", r"сохраните как настоящую дату (\1)"),
        (r"^add a column headed '(.*)'$", r"добавьте столбец с заголовком «\1»"),
        (r"^unmerge (\S+) and type the value into each cell$",
         r"отмените объединение \1 и введите значение в каждую ячейку"),
        (r"^(.*) \(engine column\)$", r"\1 (столбец программы)"),
        (r"^add the column '(.*)' back \(or name its header in (\S+)\)$",
         r"верните столбец «\1» (или укажите его заголовок в \2)"),
    ))

SEVERITY_RU = {"error": "ошибка", "warning": "предупреждение", "info": "замечание"}


def translate_fix(text: str, locale: str) -> str:
    """The fix in the office's language (unchanged for English or unknown texts)."""
    if locale != "ru" or not text:
        return text
    if text in FIXED:
        return FIXED[text]
    for pattern, russian in PATTERNS:
        if pattern.match(text):
            inner = pattern.sub(russian, text)
            return FIXED.get(inner, translate_fix(inner, locale) if inner != text else inner)
    return text


def severity_word(severity: str, locale: str) -> str:
    return SEVERITY_RU.get(severity, severity) if locale == "ru" else severity

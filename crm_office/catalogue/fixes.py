"""Suggested fixes shown beside a problem, in a cell's note and on the Issues sheet.

A rule names the fix by its key: ``fix="fill-in-cell"``, or with fields
``fix=Text("write-as", value=clean)``. To add one, append a line here.
"""

from __future__ import annotations

FIXES: dict[str, tuple[str, str]] = {
    "fill-in-cell": ("fill in this cell", "заполните эту ячейку"),
    "unique-value": ("each value may appear only once",
                     "каждое значение может встречаться только один раз"),
    "pick-from-list": ("pick a value from the dropdown list",
                       "выберите значение из выпадающего списка"),
    "did-you-mean": ("did you mean '{suggestion}'?", "возможно, вы имели в виду «{suggestion}»?"),
    "office-rule": ("see the office's rule in config.toml", "см. правило офиса в config.toml"),
    "merge-cards": ("merge the two cards or correct one of them",
                    "объедините две карточки или исправьте одну"),
    "check-overpaid": ("check the amount, or record the surplus as an advance on another invoice",
                       "проверьте сумму или учтите излишек как аванс по другому счёту"),
    "replace-formula": ("replace the formula by its value (Copy, Paste Special > Values)",
                        "замените формулу её значением (Копировать, Специальная вставка > "
                        "Значения)"),
    "remove-spaces": ("remove the spaces", "уберите лишние пробелы"),
    "email-needs-at": ("an address needs an @, e.g. name@company.com",
                       "в адресе нужен @, например name@company.ru"),
    "email-one-per-cell": ("one address per cell, without spaces",
                           "один адрес в ячейке, без пробелов"),
    "email-spelling": ("check the spelling, e.g. name@company.com",
                       "проверьте написание, например name@company.ru"),
    "write-as": ("write it as {value}", "запишите так: {value}"),
    "phone-full-number": ("write the full number with the country code, e.g. +44 117 496 0000",
                          "запишите полный номер с кодом страны, например +7 495 123-45-67"),
    "type-amount": ("type the contract amount", "укажите сумму договора"),
    "pick-refusal-reason": ("pick the refusal reason", "выберите причину отказа"),
    "pick-lost-stage": ("pick the stage the deal was lost at",
                        "выберите этап, на котором сделка проиграна"),
    "inn-digits": ("an INN has 10 digits (company) or 12 (person); check for a typo",
                   "ИНН содержит 10 цифр (организация) или 12 (физлицо); проверьте, нет ли "
                   "опечатки"),
    "tax-id-documents": ("check the number against the client's documents",
                         "сверьте номер с документами клиента"),
    "date-on-or-after": ("a date on or after {date:%d.%m.%Y}", "дата не раньше {date:%d.%m.%Y}"),
    "use-existing-value": ("use a value that exists in {target}",
                           "укажите значение, которое есть в таблице «{target}»"),
    "store-as-date": ("store it as a real date cell ({date:%d.%m.%Y})",
                      "сохраните как настоящую дату ({date:%d.%m.%Y})"),
    "rename-sheet-back": ("rename the sheet back or correct config.toml",
                          "верните листу прежнее имя или исправьте config.toml"),
    "restore-data": ("restore the data from a backup or fix config.toml",
                     "восстановите данные из резервной копии или исправьте config.toml"),
    "headers-in-one-row": ("put the column headers in one row above the data",
                           "поместите заголовки столбцов в одну строку над данными"),
    "add-column": ("add a column headed '{header}' (field {field})",
                   "добавьте столбец с заголовком «{header}» (поле {field})"),
    "rename-duplicate-column": ("rename or remove one of the two columns",
                                "переименуйте или удалите один из двух столбцов"),
    "add-alias": ("if it is one of the model's fields, name it under [tables.{table}.aliases]",
                  "если это поле модели, укажите его в [tables.{table}.aliases]"),
    "alias-did-you-mean": ("did you mean field {field} ('{expected}')? If so, add it to "
                           "config.toml: [tables.{table}.aliases] {field} = [\"{header}\"]",
                           "возможно, это поле {field} («{expected}»)? Тогда добавьте в "
                           "config.toml: [tables.{table}.aliases] {field} = [\"{header}\"]"),
    "unmerge": ("unmerge {span} and type the value into each cell",
                "отмените объединение {span} и введите значение в каждую ячейку"),
    "remove-password-or-move": (
        "remove the password (File > Info > Protect Workbook) or keep it elsewhere",
        "снимите пароль (Файл > Сведения > Защита книги) или храните книгу в другом месте"),
    "remove-password": ("remove the password (File > Info > Protect Workbook)",
                        "снимите пароль (Файл > Сведения > Защита книги)"),
    "resave-or-restore": ("open it in Excel and save it again, or restore it from a backup",
                          "откройте её в Excel и сохраните заново или восстановите из "
                          "резервной копии"),
    "check-file-name": ("check the file name in config.toml", "проверьте имя файла в config.toml"),
    "restore-workbook": ("restore the workbook from a backup",
                         "восстановите книгу из резервной копии"),
    "save-as-xlsx": ("save it from Excel as 'Excel Workbook (*.xlsx)'",
                     "сохраните её в Excel как «Книга Excel (*.xlsx)»"),
    "save-old-as-xlsx": ("open it in Excel and 'Save As' Excel Workbook (*.xlsx)",
                         "откройте её в Excel и «Сохраните как» книгу Excel (*.xlsx)"),
    "type-date": ("type the date as 12.03.2025 or format the cell as a date",
                  "введите дату как 12.03.2025 или задайте ячейке формат даты"),
    "type-yes-no": ("type yes or no", "введите да или нет"),
    "type-whole-number": ("type a whole number", "введите целое число"),
    "type-number": ("type a number, e.g. 1234.50", "введите число, например 1234,50"),
    "engine-column": ("{fix} (engine column)", "{fix} (столбец программы)"),
    "keep-or-match-ids": ("keep it if it is right, or write it like the table's other IDs",
                          "оставьте его, если он верен, или запишите его как остальные коды "
                          "таблицы"),
    "shorten-text": ("shorten the text; keep the full text in a document and put its name or "
                     "link in the cell",
                     "сократите текст; полный текст храните в документе, а в ячейку впишите его "
                     "имя или ссылку"),
    "add-key-column-back": ("add the column '{header}' back (or name its header in "
                            "[tables.{table}.aliases])",
                            "верните столбец «{header}» (или укажите его заголовок в "
                            "[tables.{table}.aliases])"),
    "fill-choices-table": ("add the {target} table to config.toml ([tables.{target_key}]), or "
                           "list the values: [rules.{table}.choices] {field} = [...]",
                           "добавьте таблицу «{target}» в config.toml ([tables.{target_key}]) "
                           "или перечислите значения: [rules.{table}.choices] {field} = [...]"),
    "rename-header-back": ("give the ID column its header back ('{header}')",
                           "верните столбцу кодов его заголовок («{header}»)"),
}

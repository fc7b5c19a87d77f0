"""What the command line prints: table headers, summaries, progress steps.

Keys starting with ``count.`` hold the plural forms of a count, separated by ``|``:
two in English (one, other), three in Russian (1 ошибка, 2 ошибки, 5 ошибок).
"""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    "cli.error": ("Error:", "Ошибка:"),
    "cli.hint": ("hint:", "подсказка:"),
    "cli.table": ("Table", "Таблица"),
    "cli.rows": ("Rows", "Строк"),
    "cli.workbook": ("Workbook", "Книга"),
    "cli.sheet": ("Sheet", "Лист"),
    "cli.header-row": ("Header row", "Строка заголовков"),
    "cli.columns-matched": ("Columns matched", "Столбцов найдено"),
    "cli.unknown-columns": ("Unknown columns", "Неизвестные столбцы"),
    "cli.mapping-title": ("Header mapping", "Заголовки и поля"),
    "cli.mapping-columns": ("Columns (letter: header as typed → field)",
                            "Столбцы (буква: заголовок как введён → поле)"),
    "cli.office": ("Office: {office} ({config})", "Офис: {office} ({config})"),
    "cli.check-summary": ("{tables} tables, {rows:,} rows: {errors} errors, {warnings} warnings, "
                          "{infos} notes — {verdict}",
                          "таблиц: {tables}, строк: {rows:,}; ошибок: {errors}, "
                          "предупреждений: {warnings}, замечаний: {infos} — {verdict}"),
    "cli.ok": ("OK", "в порядке"),
    "cli.problems-found": ("problems found", "есть проблемы"),
    "cli.errors-found": ("errors found", "есть ошибки"),
    "cli.rows-checked": ("Office: {office} — {rows:,} rows checked",
                         "Офис: {office} — проверено строк: {rows:,}"),
    "cli.rule": ("Rule", "Правило"),
    "cli.problems": ("Problems", "Проблем"),
    "cli.validate-summary": ("{errors}, {warnings}, {infos} ({fixable:,} safely fixable) — "
                             "{verdict}",
                             "{errors}, {warnings}, {infos} (безопасно исправимых: "
                             "{fixable:,}) — {verdict}"),
    "cli.severity": ("Severity", "Важность"),
    "cli.where": ("Where", "Где"),
    "cli.problem": ("Problem", "Проблема"),
    "cli.fix": ("Fix", "Как исправить"),
    "cli.more-problems": ("... and {count:,} more (use --all).",
                          "... и ещё {count:,} (все: --all)."),
    "cli.column": ("Column", "Столбец"),
    "cli.was": ("Was", "Было"),
    "cli.becomes": ("Becomes", "Станет"),
    "cli.safe-fixes": ("Safe fixes", "Безопасные исправления"),
    "cli.dry-run-not-applied": (" (dry run: not applied)", " (пробный прогон: не применены)"),
    "cli.workbook-marked": ("{file}: {cells} marked, {fixes:,} fixed, {issues:,} listed "
                            "on the {sheet} sheet",
                            "{file}: отмечено: {cells}, исправлено: {fixes:,}, "
                            "в списке на листе «{sheet}»: {issues:,}"),
    "cli.dry-run-nothing-changed": ("Dry run: no workbook was changed.",
                                    "Пробный прогон: ни одна книга не изменена."),
    "cli.not-written": ("{file}: not written", "{file}: не записана"),
    "cli.sync-nothing": ("No workbook changed since the last sync: nothing to do.",
                         "После прошлой синхронизации ни одна книга не изменилась: делать "
                         "нечего."),
    "cli.conflicts-waiting": ("{conflicts} waiting for a decision on the {sheet} sheet "
                              "(in the table's first workbook).",
                              "Ждут решения: {conflicts}, на листе «{sheet}» (в первой "
                              "книге таблицы)."),
    "cli.sync-title": ("Sync", "Синхронизация"),
    "cli.sync-dry-run": ("Sync (dry run: nothing written)",
                         "Синхронизация (пробный прогон: ничего не записано)"),
    "cli.added": ("Added", "Добавлено"),
    "cli.changed": ("Changed", "Изменено"),
    "cli.archived": ("Archived", "В архиве"),
    "cli.conflicts": ("Conflicts", "Конфликтов"),
    "cli.settled": ("Settled", "Решено"),
    "cli.cells-changed": ("{file}: {cells:,} cells changed", "{file}: изменено ячеек: {cells:,}"),
    "cli.cells-would-change": ("{file}: {cells:,} cells would change",
                               "{file}: изменилось бы ячеек: {cells:,}"),
    "cli.views-written": ("Manager views written: {files}", "Книги менеджеров записаны: {files}"),
    "cli.lead-assigned": ("Lead {client} → {manager} ({reason})",
                          "Лид {client} → {manager} ({reason})"),
    "cli.archived-from": ("Archived from {table} (restore with `crm-office restore ID`): {ids}",
                          "Убраны в архив из таблицы «{table}» (вернуть: `crm-office restore "
                          "ID`): {ids}"),
    "cli.archived-more": (" … and {count:,} more (--format json lists all)",
                          " … и ещё {count:,} (полный список: --format json)"),
    "cli.history-record": ("{record} in {table}{state}: {sources}",
                           "{record} в таблице «{table}»{state}: {sources}"),
    "cli.history-archived": (" (archived)", " (в архиве)"),
    "cli.no-workbook": ("no workbook", "ни в одной книге"),
    "cli.when": ("When", "Когда"),
    "cli.became": ("Became", "Стало"),
    "cli.no-changes": ("No changes since it was first synced.",
                       "Изменений с первой синхронизации нет."),
    "cli.date": ("Date", "Дата"),
    "cli.type": ("Type", "Тип"),
    "cli.what-was-said": ("What was said", "О чём говорили"),
    "cli.result": ("Result", "Результат"),
    "cli.manager": ("Manager", "Менеджер"),
    "cli.contact-log": ("Contact log", "История контактов"),
    "cli.init-created": ("Created a demo office in {root}", "Демо-офис создан в {root}"),
    "cli.init-next": ("Next: {command}", "Дальше: {command}"),
    "cli.restored": ("{record} is back in {file}, sheet '{sheet}', row {row}.",
                     "{record} возвращена в {file}, лист «{sheet}», строка {row}."),
    "cli.id-scheme": ("{table}: IDs {format} ({origin}, e.g. {example})",
                      "«{table}»: коды {example}, {format} ({origin})"),
    "id-origin.default": ("default", "по умолчанию"),
    "id-origin.learnt": ("learnt from the IDs", "по кодам таблицы"),
    "id-origin.config": ("from the config", "из config.toml"),
    "cli.replaced": ("Typed into engine-owned columns (replaced by the engine's values):",
                     "Введено в столбцы программы (заменено значениями программы):"),
    "cli.would-replace": ("Typed into engine-owned columns (would replace by the engine's "
                          "values):",
                          "Введено в столбцы программы (будет заменено значениями "
                          "программы):"),
    "cli.replaced-cell": ("{file} [{sheet}] {cell} ({column}, {record}): {old} → {new}",
                          "{file} [{sheet}] {cell} ({column}, {record}): {old} → {new}"),
    "cli.empty-cell": ("(empty)", "(пусто)"),
    "cli.not-a-value": ("(not a value)", "(не значение)"),
    "sync.id-column-lost": ("{place}: the ID column '{header}' is missing, so {table} was not "
                            "synced; give the column its header back",
                            "{place}: нет столбца кодов «{header}», поэтому таблица «{table}» "
                            "не синхронизирована; верните столбцу его заголовок"),
    "sync.mass-archive": ("{table}: {count:,} of {known:,} records would be archived; nothing "
                          "was archived. If they were really deleted, run `{command}`",
                          "«{table}»: в архив ушло бы записей: {count:,} из {known:,}; ничего "
                          "не убрано в архив. Если они действительно удалены, выполните "
                          "`{command}`"),
    "sync.table-held": ("{table} was not synced: {places} could not be read (see above). "
                        "Nothing of {table} was changed or archived; its edits, also those in "
                        "manager views, wait for the next sync. Mend the workbook (run "
                        "`{command}`) and sync again",
                        "таблица «{table}» не синхронизирована: не удалось прочитать {places} "
                        "(см. выше). В ней ничего не изменено и не убрано в архив; её правки, "
                        "в том числе в книгах менеджеров, ждут следующей синхронизации. "
                        "Исправьте книгу (`{command}`) и синхронизируйте снова"),
    "sync.views-held": ("Manager views and engine-owned columns were left as they are: they "
                        "are made from every table, and {tables} could not be synced this time",
                        "Книги менеджеров и столбцы программы оставлены как есть: они строятся "
                        "по всем таблицам, а {tables} в этот раз синхронизировать не удалось"),
    "sync.duplicate-id": ("{place} {cell}: the ID '{id}' is used by an earlier row; this row "
                          "was left alone. Give it its own ID, or clear the ID to get a new one",
                          "{place} {cell}: код «{id}» уже есть в строке выше; эта строка "
                          "оставлена как есть. Дайте ей свой код или очистите ячейку, чтобы "
                          "получить новый"),
    "sync.view-changed": ("changed while the sync ran; run it again",
                          "изменилась во время синхронизации; запустите её снова"),
    "count.error": ("{count:,} error|{count:,} errors",
                    "{count:,} ошибка|{count:,} ошибки|{count:,} ошибок"),
    "count.warning": ("{count:,} warning|{count:,} warnings",
                      "{count:,} предупреждение|{count:,} предупреждения|"
                      "{count:,} предупреждений"),
    "count.note": ("{count:,} note|{count:,} notes",
                   "{count:,} замечание|{count:,} замечания|{count:,} замечаний"),
    "count.cell": ("{count:,} cell|{count:,} cells",
                   "{count:,} ячейка|{count:,} ячейки|{count:,} ячеек"),
    "count.conflict": ("{count:,} conflict|{count:,} conflicts",
                       "{count:,} конфликт|{count:,} конфликта|{count:,} конфликтов"),
    "lead.region": ("region {region}", "регион {region}"),
    "lead.industry": ("industry {industry}", "отрасль {industry}"),
    "lead.manager-region": ("manager's region {region}", "регион менеджера: {region}"),
    "lead.manager-industry": ("manager's industry {industry}", "отрасль менеджера: {industry}"),
    "lead.round-robin": ("round robin (load {load})", "по очереди (нагрузка {load})"),
    "lead.load-of": ("{load} of {limit}", "{load} из {limit}"),
    "lead.distribution": ("lead distribution: {reason}", "распределение лидов: {reason}"),
    "history.archived": ("(archived)", "(в архиве)"),
    "history.restored": ("(restored)", "(возвращена)"),
    "history.deleted": ("deleted from its workbook", "удалена из своей книги"),
    "history.back": ("back in a workbook", "снова в книге"),
    "history.restore-into": ("crm-office restore into {place}", "crm-office restore в {place}"),
    "progress.reading-workbooks": ("reading workbooks", "чтение книг"),
    "progress.reading": ("reading {name}", "чтение: {name}"),
    "progress.starting": ("starting", "начало"),
    "progress.writing-workbooks": ("writing workbooks", "запись книг"),
    "progress.writing-views": ("writing manager views", "запись книг менеджеров"),
    "progress.merging": ("merging {name}", "объединение: {name}"),
}

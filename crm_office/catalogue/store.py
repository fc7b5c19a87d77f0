"""Messages and hints of the store (SQLite file or PostgreSQL database) when it cannot be used.

A message follows the store's location (``store /srv/office.sqlite: is locked …``);
``{detail}`` is the database's own first line, kept as it said it.
"""

from __future__ import annotations

STORE: dict[str, tuple[str, str]] = {
    "store.where": ("store {location}: ", "хранилище {location}: "),
    "store.not-a-store-url": ("is not a store URL crm-office can use ({detail})",
                              "это не адрес хранилища, с которым работает crm-office ({detail})"),
    "hint.store-url": ("use a file name, or postgresql://user:password@host/database",
                       "укажите имя файла или postgresql://пользователь:пароль@сервер/база"),
    "store.damaged-data": ("holds damaged data ({detail})",
                           "содержит повреждённые данные ({detail})"),
    "hint.store-restore-backup": ("database is corrupt: restore the backup",
                                  "база данных повреждена: восстановите её из резервной копии"),
    "store.cannot-create": ("cannot be created ({detail})", "не удаётся создать ({detail})"),
    "hint.store-folder-writable": (
        "check paths.store: its folder must be one you can write to",
        "проверьте paths.store: в его папку должна быть возможна запись"),
    "store.locked": ("is locked by another crm-office run ({detail})",
                     "заблокировано другим запуском crm-office ({detail})"),
    "hint.store-locked": ("the store file is locked by another crm-office run: wait for it to "
                          "finish",
                          "файл хранилища заблокирован другим запуском crm-office: дождитесь, "
                          "пока он закончит"),
    "store.corrupt": ("is not a crm-office store or is damaged ({detail})",
                      "это не хранилище crm-office, или оно повреждено ({detail})"),
    "hint.store-corrupt": ("database is corrupt: restore the backup, or check paths.store",
                           "база данных повреждена: восстановите её из резервной копии или "
                           "проверьте paths.store"),
    "store.cannot-open": ("cannot be opened ({detail})", "не открывается ({detail})"),
    "hint.store-folder-exists": ("check paths.store: the folder must exist and be writable",
                                 "проверьте paths.store: папка должна существовать и быть "
                                 "доступной для записи"),
    "store.read-only": ("is read-only ({detail})", "доступно только для чтения ({detail})"),
    "hint.store-permissions": ("check the permissions of the store file and its folder",
                               "проверьте права доступа к файлу хранилища и его папке"),
    "store.login-refused": ("refused the user name or password ({detail})",
                            "не принимает имя пользователя или пароль ({detail})"),
    "hint.store-login": ("check the user and password in paths.store",
                         "проверьте пользователя и пароль в paths.store"),
    "store.no-database": ("the database does not exist ({detail})",
                          "такой базы данных нет ({detail})"),
    "hint.store-createdb": ("create it (createdb NAME) or fix the database name in paths.store",
                            "создайте её (createdb ИМЯ) или исправьте имя базы в paths.store"),
    "store.unreachable": ("cannot connect to the database server ({detail})",
                          "не удаётся подключиться к серверу базы данных ({detail})"),
    "hint.store-server": ("is PostgreSQL running? check paths.store (host, port, database)",
                          "запущен ли PostgreSQL? проверьте paths.store (сервер, порт, база)"),
    "store.disk-full": ("the disk is full ({detail})", "диск заполнен ({detail})"),
    "hint.free-disk": ("free some disk space, then run again",
                       "освободите место на диске и запустите команду снова"),
    "store.failed": ("failed: {detail}", "ошибка: {detail}"),
    "hint.store-nothing-saved": ("nothing of this run was saved; fix the cause and run again",
                                 "ничего из этого запуска не сохранено; устраните причину и "
                                 "запустите команду снова"),
    "store.bad-url": ("is not a database URL crm-office can read",
                      "это не адрес базы данных, который понимает crm-office"),
    "hint.store-url-escapes": (
        "write it as postgresql://user:password@host:5432/database; in the password write "
        "{escapes}",
        "запишите его как postgresql://пользователь:пароль@сервер:5432/база; в пароле пишите "
        "{escapes}"),
    "store.newer-version": (
        "was made by a newer crm-office (schema version {version}; this one knows versions up "
        "to {known})",
        "создано более новой версией crm-office (версия схемы {version}; эта версия знает "
        "схемы до {known})"),
    "hint.upgrade-crm-office": (
        "upgrade crm-office (pip install --upgrade crm-office), then run again",
        "обновите crm-office (pip install --upgrade crm-office) и запустите команду снова"),
    "store.migration-failed": (
        "could not be upgraded to schema version {version} ({detail}); it was left at "
        "version {left}",
        "не удалось обновить до версии схемы {version} ({detail}); оно осталось в версии "
        "{left}"),
    "hint.migration-failed": (
        "nothing was changed; fix the cause (disk space, permissions, the database user's "
        "rights) and run again",
        "ничего не изменено; устраните причину (место на диске, права доступа, права "
        "пользователя базы данных) и запустите команду снова"),
    "store.no-record": ("has no record {record} in table '{table}'",
                        "не содержит записи {record} в таблице «{table}»"),
    "hint.store-known-records": ("check the ID: `crm-office history` lists known records",
                                 "проверьте ID: известные записи показывает `crm-office history`"),
    "store.no-conflict": ("has no conflict number {number}", "не содержит конфликта № {number}"),
    "hint.store-open-conflicts": ("list the open conflicts on the Conflicts sheet",
                                  "открытые конфликты перечислены на листе «Конфликты»"),
    "store.no-run": ("has no run number {number}", "не содержит запуска № {number}"),
    "hint.store-finish-run": ("finish the run that {call} returned",
                              "завершайте запуск, номер которого вернул {call}"),
    "store.documents-missing": ("has only {found} of {wanted} documents to settle",
                                "содержит только {found} из {wanted} документов для отметки"),
    "store.transaction-open": ("a transaction is already open", "транзакция уже открыта"),
    "hint.store-one-transaction": ("write everything through the open transaction",
                                   "записывайте всё через уже открытую транзакцию"),
    "store.closed": ("is closed", "закрыто"),
    "hint.store-open-again": ("open the store again", "откройте хранилище заново"),
}

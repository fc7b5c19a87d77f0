"""Messages and hints of errors that stop a command ("cannot go on")."""

from __future__ import annotations

HINTS: dict[str, tuple[str, str]] = {
    "error.config-not-found": ("config file not found", "файл настроек не найден"),
    "hint.config-not-found": ("run `crm-office init` to create an office, or pass --config",
                              "создайте офис командой `crm-office init` или укажите --config"),
    "error.funnel-needed": ("is required when the office has a deals table",
                            "обязателен, когда в офисе есть таблица сделок"),
    "hint.funnel-needed": ("add [funnel] with its stages, or remove [tables.deals]",
                           "добавьте [funnel] с этапами или уберите [tables.deals]"),
    "error.office-exists": ("{target} already holds an office", "в {target} уже есть офис"),
    "hint.use-force": ("use --force to overwrite it", "чтобы перезаписать, добавьте --force"),
    "error.record-not-found": ("no record '{record}' in the store",
                               "в хранилище нет записи «{record}»"),
    "hint.record-not-found": ("run `crm-office sync` first, or check the ID",
                              "сначала выполните `crm-office sync` или проверьте ID"),
    "error.workbook-locked": ("is open by {holder}", "открыта у пользователя {holder}"),
    "error.workbook-locked-someone": ("is open by someone", "открыта у другого пользователя"),
    "hint.close-it": ("ask them to close it, then run again",
                      "попросите закрыть её и запустите команду снова"),
    "hint.close-or-delete-lock": (
        "ask {holder} to close it, then run again; if nobody has it open, delete the lock file "
        "{lock}",
        "попросите пользователя {holder} закрыть её и запустите команду снова; если книга "
        "ни у кого не открыта, удалите файл блокировки {lock}"),
    "hint.close-or-delete-lock-someone": (
        "ask whoever has it open to close it, then run again; if nobody has it open, delete "
        "the lock file {lock}",
        "попросите того, у кого она открыта, закрыть её и запустите команду снова; если книга "
        "ни у кого не открыта, удалите файл блокировки {lock}"),
    "error.workbook-changed": ("changed on disk since it was read; nothing was written",
                               "изменилась на диске после чтения; ничего не записано"),
    "hint.read-again": ("read the workbook again and repeat the command",
                        "прочитайте книгу заново и повторите команду"),
    "error.not-archived": ("{record} is not archived; nothing to restore",
                           "{record} не в архиве; возвращать нечего"),
    "config.unknown-key": ("unknown key", "неизвестный ключ"),
    "config.required": ("is required", "обязателен"),
    "config.add-it": ("add it: {help}", "добавьте его: {help}"),
    "config.must-be-table": ("must be a table, not {what}", "должен быть таблицей, а не {what}"),
    "config.must-be": ("must be {wanted}, not {what}", "должен быть: {wanted}, а не {what}"),
    "config.either": ("{first} or {second}", "{first} или {second}"),
    "config.value": ("{kind} {value}", "{kind} {value}"),
    "config.type.str": ("text", "текст"),
    "config.type.int": ("a whole number", "целое число"),
    "config.type.float": ("a number", "число"),
    "config.type.bool": ("true or false", "true или false"),
    "config.type.list": ("a list", "список"),
    "config.type.dict": ("a table", "таблица"),
    "config.not-allowed": ("'{value}' is not allowed; choose one of: {choices}",
                           "«{value}» не допускается; выберите одно из: {choices}"),
    "config.no-secrets": ("secrets are never written in the config file",
                          "секреты никогда не пишут в файл настроек"),
    "config.secret-env": ("write the name of the environment variable instead: {example}",
                          "вместо этого укажите имя переменной окружения: {example}"),
}

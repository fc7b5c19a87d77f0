"""The `--help` of every command and option, and click's own words around them.

A command's or option's help is found by its English text, as the code declares it
(``help=`` or the docstring, cleaned as click cleans it), the way gettext finds a
message by its msgid: an English help changed in the code without its entry here
is caught by tests/test_cli_help.py. ``{fields}`` stand for paths, commands and
names a Russian text keeps as they are (:data:`HELP_FIELDS`).
"""

from __future__ import annotations

HELP_FIELDS = {
    "example": "crm-office --config office/config.toml sync --lang ru",
    "config_toml": "config.toml", "templates_dir": "templates/", "workbooks_dir": "workbooks/",
    "weekly_file": "output/reports/weekly-<week>.xlsx",
    "managers_dir": "output/reports/managers/", "analysis": "[analysis]",
    "schedule": "[schedule]", "every": "sync_every_minutes", "serve_log": "output/logs/serve.log",
    "signals": "SIGTERM", "ctrl_c": "Ctrl-C", "serve": "`serve`", "crontab": "crontab",
    "schtasks": "schtasks", "systemd": "systemd", "task_scheduler": "Windows Task Scheduler",
    "to_dict": "to_dict()", "json": "JSON", "phone_style": "office.phone_style",
    "stage_requests": "documents.stage_requests", "offer": '"offer"', "invoice": '"invoice"',
    "documents_pdf": "documents.pdf", "offer_dir": "output/documents/<year>/offer/",
    "invoice_dir": "output/documents/<year>/invoice/", "eml": ".eml", "smtp": "SMTP",
    "test": '"test"', "send": '"send"', "new": "--new", "deal": "D-000045", "record": "C-000123",
    "week": "2026-W47", "vvv": "-vv", "n": "N", "kinds": "offer, invoice, act…",
    "serve_command": "serve", "word": "Word", "kind_reminder": "--kind reminder",
    "run": "`run`",
}
"""What a help text names as it is, in either language."""

HELP: dict[str, tuple[str, str]] = {
    # click's own words around the texts
    "help.usage": ("Usage:", "Вызов:"),
    "help.options": ("Options", "Параметры"),
    "help.commands": ("Commands", "Команды"),
    "help.options-metavar": ("[OPTIONS]", "[ПАРАМЕТРЫ]"),
    "help.command-metavar": ("COMMAND [ARGS]...", "КОМАНДА [АРГУМЕНТЫ]..."),
    "help.default": ("default", "по умолчанию"),
    "help.required": ("required", "обязательно"),
    "help.metavar.PATH": ("PATH", "ПУТЬ"),
    "help.metavar.TEXT": ("TEXT", "ТЕКСТ"),
    "help.metavar.KIND": ("KIND", "ВИД"),
    "help.metavar.NAME": ("NAME", "ИМЯ"),
    "help.metavar.YYYY-Www": ("YYYY-Www", "НЕДЕЛЯ"),
    "help.metavar.INTEGER": ("INTEGER", "ЧИСЛО"),
    "help.metavar.INTEGER RANGE": ("INTEGER RANGE", "ЧИСЛО"),
    "help.argument.DIRECTORY": ("DIRECTORY", "ПАПКА"),
    "help.argument.RECORD_ID": ("RECORD_ID", "ID_ЗАПИСИ"),
    "help.argument.DEAL_ID": ("DEAL_ID", "ID_СДЕЛКИ"),
    "help.argument.KIND": ("KIND", "ВИД"),
    "help.argument.CAMPAIGN": ("CAMPAIGN", "РАССЫЛКА"),
    # click's usage errors
    "usage.error": ("Error: {message}", "Ошибка: {message}"),
    "usage.try-help": ("Try '{command} {option}' for help.",
                       "Справка: {command} {option}"),
    "usage.no-such-option": ("No such option '{name}'", "Нет такого параметра: {name}"),
    "usage.did-you-mean": ("Did you mean {possibility}?", "Может быть, {possibility}?"),
    "usage.possible-options": ("(Possible options: {options})",
                               "(возможные параметры: {options})"),
    "usage.no-such-command": ("No such command '{name}'.", "Нет такой команды: {name}."),
    "usage.missing-argument": ("Missing argument '{name}'.", "Не указан аргумент {name}."),
    "usage.missing-option": ("Missing option '{name}'.", "Не указан параметр {name}."),
    "usage.missing-command": ("Missing command.", "Не указана команда."),
    "usage.needs-value": ("Option '{name}' requires an argument.",
                          "Параметру {name} нужно значение."),
    "usage.takes-no-value": ("Option '{name}' does not take a value.",
                             "Параметр {name} не принимает значения."),
    "usage.extra-arguments": ("Got unexpected extra arguments ({args})",
                              "Лишние аргументы: {args}"),
    "usage.not-one-of": ("Invalid value for '{name}': '{value}' is not one of {choices}.",
                         "Недопустимое значение {name}: «{value}»; допустимы: {choices}."),
    "usage.not-a-number": ("Invalid value for '{name}': '{value}' is not a valid integer.",
                           "Недопустимое значение {name}: «{value}» — это не целое число."),
    "usage.invalid-value": ("Invalid value for '{name}': {value}",
                            "Недопустимое значение {name}: {value}"),
    "usage.other": ("{message}", "Неверный вызов: {message}"),
    "usage.help-lists-options": ("{command} {option} lists the options",
                                 "параметры перечисляет {command} {option}"),
    # the commands
    "help.cmd.root": (
        "crm-office: the CRM engine for an office that lives in Excel.\n\n"
        "It checks the office's workbooks, marks problems where they were typed,\n"
        "merges everybody's edits into one client base, makes offers and invoices from\n"
        "{word} templates, sends mailings and writes the weekly analysis; {run} does it\n"
        "all once, {serve} on a schedule. Global options go before or after the\n"
        "command: {example}",
        "crm-office: CRM для офиса, который работает в Excel.\n\n"
        "Проверяет книги офиса, отмечает ошибки там, где их ввели, сводит правки\n"
        "всех сотрудников в одну клиентскую базу, делает предложения и счета по\n"
        "шаблонам {word}, отправляет рассылки и пишет еженедельный анализ; {run}\n"
        "делает всё один раз, {serve} — по расписанию. Общие параметры можно писать\n"
        "до или после команды: {example}"),
    "help.cmd.init": (
        "Create a complete demo office in DIRECTORY (default: here).\n\n"
        "Writes {config_toml}, {templates_dir} and {workbooks_dir} filled with realistic sample\n"
        "data: clients, contact log, deals, price list, invoices and payments,\n"
        "campaigns, complaints, surveys and managers.",
        "Создать полный демонстрационный офис в папке ПАПКА (по умолчанию здесь).\n\n"
        "Записывает {config_toml}, {templates_dir} и {workbooks_dir} с правдоподобными\n"
        "примерами: клиенты, журнал контактов, сделки, прайс-лист, счета и оплаты,\n"
        "рассылки, жалобы, опросы и менеджеры."),
    "help.cmd.check": (
        "Check the office: config, workbooks, header mapping and row counts.\n\n"
        "Exits with 1 when a workbook cannot be read or a required column is\n"
        "missing, with 2 when the config is wrong.",
        "Проверить офис: настройки, книги, сопоставление заголовков и число строк.\n\n"
        "Код выхода 1, если книгу нельзя прочитать или нет обязательного столбца,\n"
        "2 — если неверны настройки."),
    "help.cmd.validate": (
        "Find every problem in the office's data and show it where it was typed.\n\n"
        "Checks types, required fields, choices, e-mails, phones, tax IDs, references,\n"
        "dates in order, payments and duplicate clients. Each problem cell gets a fill\n"
        "and a note; each workbook gets an Issues sheet with a link to every cell.\n"
        "Exits with 1 when there is at least one error.",
        "Найти все ошибки в данных офиса и показать их там, где их ввели.\n\n"
        "Проверяет типы, обязательные поля, списки значений, адреса почты, телефоны,\n"
        "ИНН и другие налоговые номера, ссылки, порядок дат, оплаты и дубли клиентов.\n"
        "Ячейка с ошибкой получает заливку и примечание; в каждой книге появляется\n"
        "лист «Проблемы» со ссылкой на каждую ячейку.\n"
        "Код выхода 1, если есть хотя бы одна ошибка."),
    "help.cmd.sync": (
        "Merge every workbook into one client base, and back.\n\n"
        "Gives new rows their IDs, merges edits made in several workbooks field by field\n"
        "(conflicts go to the Conflicts sheet), archives deleted rows, assigns new leads,\n"
        "writes the computed columns (last contact, debt, ABC class, payment status…) and\n"
        "the per-manager views. A second run with no edits changes no file.\n"
        "Exits with 1 when a workbook could not be read or written.",
        "Свести все книги в одну клиентскую базу и обратно.\n\n"
        "Даёт новым строкам ID, сводит правки из нескольких книг по каждому полю\n"
        "(конфликты — на лист «Конфликты»), переносит удалённые строки в архив,\n"
        "распределяет новые обращения, пишет вычисляемые столбцы (последний контакт,\n"
        "долг, класс ABC, состояние оплаты…) и книги менеджеров. Повторный запуск\n"
        "без правок не меняет ни одного файла.\n"
        "Код выхода 1, если книгу не удалось прочитать или записать."),
    "help.cmd.history": (
        "Show every change of a record, e.g. {record}.\n\n"
        "When, which workbook, old and new value; for a client also its whole\n"
        "contact log in date order.",
        "Показать все изменения записи, например {record}.\n\n"
        "Когда, в какой книге, старое и новое значение; для клиента ещё и весь\n"
        "журнал контактов по датам."),
    "help.short.history": ("Show every change of a record, e.g. {record}.",
                           "Все изменения записи, например {record}."),
    "help.cmd.restore": (
        "Bring back a record that was deleted from its workbook (archived by sync).",
        "Вернуть запись, удалённую из своей книги (ушедшую в архив при sync)."),
    "help.cmd.report": ("Make reports on demand (the weekly analysis).",
                        "Отчёты по запросу (еженедельный анализ)."),
    "help.cmd.report.weekly": (
        "Write the weekly report: {weekly_file} (Summary, funnel,\n"
        "refusals, managers, receivables, sources, clients, trend, History) and each\n"
        "manager's own in {managers_dir}; mail them as {analysis} says.",
        "Записать еженедельный отчёт: {weekly_file} (сводка, воронка,\n"
        "отказы, менеджеры, дебиторка, источники, клиенты, динамика, история) и отчёт\n"
        "каждого менеджера в {managers_dir}; разослать их, как сказано в {analysis}."),
    "help.cmd.run": (
        "Run the whole cycle once: check, sync, validate, documents, mailings, reminders,\n"
        "and the weekly report when one is due. Exits with 1 when a step failed.",
        "Один раз пройти весь цикл: проверка, сведение, поиск ошибок, документы, рассылки,\n"
        "напоминания и еженедельный отчёт, когда подошёл его срок. Код выхода 1, если\n"
        "какой-то шаг не удался."),
    "help.cmd.serve": (
        "Run the office's jobs at their times until stopped ({signals} or {ctrl_c}).\n\n"
        "Sync every {schedule} {every}, reminders daily, the weekly report on\n"
        "its day, documents, the Campaigns sheet's Send column and mail fetch every few\n"
        "minutes, in the office's time zone; missed runs are caught up once after a\n"
        "restart; one scheduler per office; logs in {serve_log}.",
        "Выполнять задания офиса по расписанию, пока не остановят ({signals} или {ctrl_c}).\n\n"
        "Сведение каждые {schedule} {every} минут, напоминания ежедневно, еженедельный\n"
        "отчёт в свой день, документы, столбец «Отправить» листа кампаний и чтение почты\n"
        "каждые несколько минут, по часовому поясу офиса; пропущенные запуски после\n"
        "перезапуска выполняются один раз; один планировщик на офис; журнал в {serve_log}."),
    "help.cmd.status": ("Show the last and the next run of every scheduled job.",
                        "Показать последний и следующий запуск каждого задания по расписанию."),
    "help.cmd.schedule": ("The schedule of {serve}, for the system's own scheduler.",
                          "Расписание {serve} для планировщика системы."),
    "help.cmd.schedule.export": (
        "Print the jobs of {schedule} as {crontab} lines, {schtasks} commands or a {systemd} "
        "unit.",
        "Вывести задания {schedule} строками {crontab}, командами {schtasks} или службой "
        "{systemd}."),
    "help.cmd.offer": (
        "Make the commercial offer of a deal (e.g. {deal}) from its template.\n\n"
        "Numbers it, writes {offer_dir}, records it in the Documents register and the "
        "contact log. A deal that has an offer gets none again without {new}.",
        "Сделать коммерческое предложение по сделке (например, {deal}) по его шаблону.\n\n"
        "Даёт номер, записывает в {offer_dir}, вносит в реестр документов и журнал "
        "контактов. Сделка, у которой уже есть предложение, без {new} второго не получит."),
    "help.short.offer": ("Make the commercial offer of a deal from its template.",
                         "Коммерческое предложение по сделке."),
    "help.cmd.invoice": (
        "Make the invoice of a deal (e.g. {deal}) from its template.\n\n"
        "Numbers it, adds the payment QR (RUB, EUR), writes {invoice_dir}, records it in the "
        "register, the contact log and the Invoices table.",
        "Сделать счёт по сделке (например, {deal}) по его шаблону.\n\n"
        "Даёт номер, добавляет код оплаты QR (RUB, EUR), записывает в {invoice_dir}, вносит "
        "в реестр, журнал контактов и таблицу счетов."),
    "help.short.invoice": ("Make the invoice of a deal from its template.",
                           "Счёт по сделке."),
    "help.cmd.act": ("Make the act (delivery note) of a deal (e.g. {deal}) from its template.",
                     "Сделать акт по сделке (например, {deal}) по его шаблону."),
    "help.short.act": ("Make the act (delivery note) of a deal from its template.",
                       "Акт по сделке."),
    "help.cmd.documents": (
        "Make every document the funnel calls for that does not exist yet.\n\n"
        "An offer for each deal at a stage that {stage_requests} maps to {offer},\n"
        "an invoice for each deal at the stage mapped to {invoice} (unless the Invoices\n"
        "table already has one for the deal). Payment reminder documents only with\n"
        "{kind_reminder}: otherwise the payment reminder mails carry them. Exits with 1 when\n"
        "a document failed.",
        "Сделать все документы, которых требует воронка и которых ещё нет.\n\n"
        "Предложение для каждой сделки на этапе, который {stage_requests} связывает с "
        "{offer},\nсчёт для каждой сделки на этапе, связанном с {invoice} (если в таблице "
        "счетов\nещё нет счёта по сделке). Напоминания об оплате — только с {kind_reminder}:\n"
        "иначе их несут письма-напоминания. Код выхода 1, если документ не удался."),
    "help.opt.documents.kind": (
        "Only this kind (repeatable); {kind_reminder} makes a payment reminder for each client "
        "with overdue invoices.",
        "Только этот вид (можно повторять); {kind_reminder} делает напоминание об оплате "
        "каждому клиенту с просроченными счетами."),
    "help.cmd.templates": ("Check the office's {word} templates and list the fields they may use.",
                           "Проверить шаблоны {word} офиса и перечислить поля, доступные в них."),
    "help.cmd.templates.check": (
        "Render every template with a sample deal and report what is wrong, in plain words.",
        "Заполнить каждый шаблон примером сделки и простыми словами сказать, что не так."),
    "help.cmd.templates.fields": (
        "List every field a template of KIND ({kinds}) may use, with an example.",
        "Перечислить все поля, доступные шаблону вида ВИД ({kinds}), с примером."),
    "help.cmd.mail": ("Mailings: test the transport, preview and send campaigns, read replies.",
                      "Рассылки: проверить отправку, посмотреть и отправить рассылку, "
                      "прочитать ответы."),
    "help.cmd.mail.test": (
        "Send one test message through the configured transport and say what happened.",
        "Отправить одно пробное письмо настроенным способом и сказать, что получилось."),
    "help.cmd.mail.preview": (
        "Who would receive CAMPAIGN and why, who not and why; the first messages as {eml}.\n\n"
        "Nothing is sent.",
        "Кто получит РАССЫЛКУ и почему, кто нет и почему; первые письма в виде {eml}.\n\n"
        "Ничего не отправляется."),
    "help.cmd.mail.send": (
        "Send CAMPAIGN to every recipient not sent yet; never twice.\n\n"
        "Exits with 1 when a message failed or is uncertain, or a workbook could not be "
        "written.",
        "Отправить РАССЫЛКУ всем, кому она ещё не ушла; никому дважды.\n\n"
        "Код выхода 1, если письмо не ушло или неизвестно, ушло ли, или книгу не удалось "
        "записать."),
    "help.cmd.mail.fetch": (
        "Read replies and bounces from the mailbox: replies into the contact log, bounces\n"
        "onto the suppression list; each mailbox message once.",
        "Прочитать ответы и возвраты из почтового ящика: ответы — в журнал контактов,\n"
        "возвраты — в список исключений; каждое письмо ящика один раз."),
    "help.cmd.mail.requests": (
        "Do what the Campaigns sheet's Send column asks: {test} sends a campaign's first "
        "three\nmessages to its sender, {send} sends the campaign; each request done is "
        "cleared.",
        "Выполнить то, что просит столбец «Отправить» листа рассылок: {test} отправляет "
        "первые три\nписьма рассылки её отправителю, {send} отправляет рассылку; выполненная "
        "просьба стирается."),
    # the options
    "help.option.root-config": ("The office's config file.", "Файл настроек офиса."),
    "help.option.config": ("The office's config file (also accepted before the command).",
                           "Файл настроек офиса (можно указать и до команды)."),
    "help.option.lang": ("Language of the output (default: the office's locale).",
                         "Язык вывода (по умолчанию — язык офиса)."),
    "help.option.verbose": ("Say more ({vvv} for debugging).",
                            "Подробнее ({vvv} — для отладки)."),
    "help.option.quiet": ("No progress bars or log messages.",
                          "Без индикаторов хода работы и сообщений журнала."),
    "help.option.version": ("Show the version and exit.", "Показать версию и выйти."),
    "help.option.help": ("Show this message and exit.", "Показать эту справку и выйти."),
    "help.option.locale": ("Language of headers, sample data and templates.",
                           "Язык заголовков, примеров данных и шаблонов."),
    "help.option.force": ("Overwrite an office that already exists there.",
                          "Перезаписать офис, который там уже есть."),
    "help.option.format": (
        "Human tables, or machine-readable {json} (the library's {to_dict}).",
        "Таблицы для человека или {json} для программ (то, что даёт {to_dict} библиотеки)."),
    "help.option.all": ("List every problem, not only the first 50.",
                        "Показать все ошибки, а не только первые 50."),
    "help.option.fix": (
        "Apply the safe fixes: trim text, lower-case e-mails, phones as {phone_style} says, "
        "dates typed as text into date cells.",
        "Применить безопасные исправления: убрать лишние пробелы, адреса почты строчными "
        "буквами, телефоны так, как велит {phone_style}, даты, введённые текстом, — в ячейки "
        "дат."),
    "help.option.dry-run": ("Show what would change; write nothing.",
                            "Показать, что изменится; ничего не записывать."),
    "help.option.no-marks": ("Do not mark cells or write the Issues sheet; only report.",
                             "Не отмечать ячейки и не писать лист «Проблемы»; только отчёт."),
    "help.option.allow-mass-archive": (
        "Archive even when more than half of a table's rows disappeared.",
        "Переносить в архив, даже если из таблицы пропало больше половины строк."),
    "help.option.week": ("The ISO week, e.g. {week} (default: the last complete week).",
                         "Неделя по ISO, например {week} (по умолчанию — последняя полная "
                         "неделя)."),
    "help.option.manager": ("Only this manager's own report.", "Только отчёт этого менеджера."),
    "help.option.no-mail": ("Write the workbooks; mail nothing.",
                            "Записать книги; ничего не рассылать."),
    "help.option.cron": ("{crontab} lines.", "Строки {crontab}."),
    "help.option.windows": ("{task_scheduler} ({schtasks}) commands.",
                            "Команды {task_scheduler} ({schtasks})."),
    "help.option.systemd": ("A {systemd} unit running {serve_command}.",
                            "Служба {systemd}, запускающая {serve_command}."),
    "help.option.pdf": ("Also make a PDF (default: {documents_pdf} in {config_toml}).",
                        "Сделать ещё и PDF (по умолчанию — как сказано в {documents_pdf} в "
                        "{config_toml})."),
    "help.option.dry-run-document": (
        "Show what would be made; number, write and record nothing.",
        "Показать, что будет сделано; ничего не нумеровать, не записывать и не вносить."),
    "help.option.dry-run-documents": ("Show what would be made; write nothing.",
                                      "Показать, что будет сделано; ничего не записывать."),
    "help.option.new-document": ("Make a new document even when one exists for the deal.",
                                 "Сделать новый документ, даже если по сделке он уже есть."),
    "help.option.new-documents": ("Make new documents even where some exist.",
                                  "Сделать новые документы, даже где они уже есть."),
    "help.option.to": ("Address that gets the test message.",
                       "Адрес, на который уйдёт пробное письмо."),
    "help.option.limit": ("Send at most {n} messages (a trial).",
                          "Отправить не больше {n} писем (на пробу)."),
    "help.option.resume": ("Continue a campaign whose run was stopped.",
                           "Продолжить рассылку, запуск которой был прерван."),
    "help.option.resend-uncertain": (
        "Send again the messages a stopped run may or may not have sent ({smtp}).",
        "Отправить заново письма, которые прерванный запуск мог отправить, а мог и нет "
        "({smtp})."),
}

"""Texts of the mail feature: why a client gets a message or not, message parts, the
contact-log lines, the Campaigns and suppression sheets' headers, and the mail commands'
output (summaries, tables, progress).

``mail.default-body`` is a Jinja template: read it with :func:`crm_office.catalogue.template`
so that its ``{{ … }}`` stay as written.
"""

from __future__ import annotations

MAIL: dict[str, tuple[str, str]] = {
    # why a client gets no message of a campaign
    "mail.no-consent": ("no consent to mailings", "нет согласия на рассылку"),
    "mail.suppressed": ("on the suppression list ({reason})", "в списке исключений ({reason})"),
    "mail.no-address": ("no e-mail address", "нет адреса эл. почты"),
    "mail.invalid-address": ("'{address}' is not a valid e-mail address",
                             "«{address}» — неверный адрес эл. почты"),
    "mail.duplicate-address": ("same address as {first}", "тот же адрес, что у {first}"),
    "mail.already-sent": ("already sent on {when}", "уже отправлено {when}"),
    "mail.uncertain": ("may have gone out already (run stopped while sending); "
                       "--resend-uncertain sends it again",
                       "возможно, уже ушло (запуск прервался при отправке); "
                       "--resend-uncertain отправит снова"),
    "mail.documents-unknown": ("{file}, sheet {sheet}, cell {cell}: {words} is not a document "
                               "to attach",
                               "{file}, лист «{sheet}», ячейка {cell}: {words} — не документ "
                               "для вложения"),
    "mail.documents-fix": ("write offer and/or invoice (КП, счёт), separated by commas",
                           "напишите «КП» и/или «счёт» через запятую"),
    "mail.document.no-open-deal": ("the client has no open deal to make an offer for",
                                   "у клиента нет открытой сделки для предложения"),
    "mail.document.no-overdue": ("the client has no overdue invoice",
                                 "у клиента нет просроченного счёта"),
    "mail.document.invoice-not-made": ("invoice {number} was not made by crm-office, so it has "
                                       "no file to attach",
                                       "счёт {number} сделан не в crm-office, файла для "
                                       "вложения нет"),
    "mail.document.failed": ("the {kind} for deal {deal} cannot be made: {reason}",
                             "документ «{kind}» по сделке {deal} не сделать: {reason}"),
    "mail.document.would-make": ("{kind} for deal {deal} (made when sent)",
                                 "{kind} по сделке {deal} (будет сделан при отправке)"),
    "mail.document.file-gone": ("the register names {file}, but the file is gone",
                                "в реестре указан {file}, но файла нет"),
    "mail.column.documents": ("documents", "документы"),
    # why a client is in
    "mail.matches": ("matches {filters}", "подходит: {filters}"),
    "mail.all-clients": ("every client with consent", "все клиенты с согласием"),
    "mail.why.overdue": ("overdue invoice", "просроченный счёт"),
    "mail.why.saved-list": ("saved list", "сохранённый список"),
    # message parts
    "mail.unsubscribe-line": ("To stop receiving these messages, write to {address} "
                              "with the subject 'unsubscribe'.",
                              "Чтобы отказаться от рассылки, напишите на {address} "
                              "с темой «unsubscribe»."),
    "mail.test-subject": ("crm-office test message from {office}",
                          "Проверочное письмо crm-office от {office}"),
    "mail.test-body": ("This is a test message sent by crm-office through the {transport} "
                       "transport. If you read this, mail works.",
                       "Это проверочное письмо crm-office через транспорт {transport}. "
                       "Если вы его читаете, почта работает."),
    "mail.default-body": ("Dear {{ client.contact_person or client.name }},\n\n"
                          "{{ campaign.name }}\n\n{{ office.name }}",
                          "Здравствуйте, {{ client.contact_person or client.name }}!\n\n"
                          "{{ campaign.name }}\n\n{{ office.name }}"),
    # contact log and suppression list
    "mail.log-sent": ("E-mail of campaign {campaign}: {subject}",
                      "Письмо кампании {campaign}: {subject}"),
    "mail.log-reply": ("Reply: {subject} — {excerpt}", "Ответ: {subject} — {excerpt}"),
    "mail.opted-out": ("opted out by reply", "отказ в ответном письме"),
    # errors and notes
    "mail.campaign-unknown": ("there is no campaign '{name}' (known: {known})",
                              "нет кампании «{name}» (есть: {known})"),
    "mail.attachment-missing": ("attachment {path} of campaign {campaign} does not exist",
                                "вложение {path} кампании {campaign} не найдено"),
    "mail.template-missing": ("template {path} of campaign {campaign} does not exist",
                              "шаблон {path} кампании {campaign} не найден"),
    "mail.template-broken": ("template of campaign {campaign} cannot be used: {detail}",
                             "шаблон кампании {campaign} не работает: {detail}"),
    "mail.campaign-define": ("define it under [mail.campaigns] or in the Campaigns sheet",
                             "опишите её в [mail.campaigns] или на листе «Кампании»"),
    "mail.template-name-fix": ("check the file name under [mail.campaigns]",
                               "проверьте имя файла в [mail.campaigns]"),
    "mail.attachment-fix": ("put the file there or correct the campaign's attachments",
                            "положите файл туда или исправьте вложения кампании"),
    "mail.stopped-midway": ("campaign {campaign} was stopped midway: {count} message(s) planned "
                            "or being sent when it stopped",
                            "кампания {campaign} прервана на середине: писем запланировано или "
                            "в отправке: {count}"),
    "mail.stopped-fix": ("continue it: crm-office mail send {campaign} --resume",
                         "продолжите её: crm-office mail send {campaign} --resume"),
    "mail.no-mailbox": ("no mailbox to read replies from",
                        "нет почтового ящика для чтения ответов"),
    "mail.no-mailbox-fix": ("set [mail.imap] host, username and password, or use the exchange "
                            "or graph transport",
                            "укажите host, username и password в [mail.imap] или выберите "
                            "транспорт exchange или graph"),
    "mail.outbox-unwritable": ("cannot write {target}: {reason}",
                               "не удалось записать {target}: {reason}"),
    "mail.outbox-fix": ("check that the output folder is writable",
                        "проверьте, что в папку output можно записывать"),
    "mail.template-fix": ("correct the template and run preview again",
                          "исправьте шаблон и снова запустите crm-office mail preview"),
    "mail.daily-limit": ("daily limit reached ({limit} a day, {sent} sent today): {left} left "
                         "for the next run after midnight ({zone})",
                         "достигнут дневной предел ({limit} в день, сегодня отправлено "
                         "{sent}): {left} уйдут при следующем запуске после полуночи ({zone})"),
    "mail.outside-window": ("outside the send window ({window}); nothing sent",
                            "вне окна отправки ({window}); ничего не отправлено"),
    # what a mail server or the network said (the server's own words stay as they are)
    "mail.error.where": ("mail ({transport}): ", "почта ({transport}): "),
    "mail.error.auth": ("{host} refused the login: \"{reason}\"",
                        "{host} не принял вход (неверный логин или пароль): «{reason}»"),
    "mail.error.tls": ("TLS with {host} failed: \"{reason}\"",
                       "не удалось установить защищённое соединение (TLS) с {host}: «{reason}»"),
    "mail.error.unknown-host": ("unknown host {host}", "неизвестный сервер {host}"),
    "mail.error.connection-refused": ("{host}:{port} refused the connection (no mail server "
                                      "listens there)",
                                      "{host}:{port} отказал в соединении (там не работает "
                                      "почтовый сервер)"),
    "mail.error.unreachable": ("cannot reach {host}: \"{reason}\"",
                               "нет связи с {host}: «{reason}»"),
    "mail.error.rejected": ("the server refused {address}: \"{reason}\"",
                            "сервер отказался принять письмо для {address}: «{reason}»"),
    "mail.error.temporary": ("the server refused {address} for now: \"{reason}\"",
                             "сервер временно не принимает письмо для {address}: «{reason}»"),
    "mail.error.throttled": ("{host} asks to wait (too many messages): \"{reason}\"",
                             "{host} просит подождать (слишком много писем): «{reason}»"),
    "mail.error.disconnected": ("the connection to {host} broke: \"{reason}\"",
                                "соединение с {host} прервалось: «{reason}»"),
    "mail.error.uncertain": ("the connection to {host} broke while {address}'s message was "
                             "handed over: \"{reason}\"",
                             "соединение с {host} прервалось во время передачи письма для "
                             "{address}: «{reason}»"),
    "mail.error.mailbox-not-found": ("mailbox {mailbox} does not exist on {host}: "
                                     "\"{reason}\"",
                                     "почтового ящика {mailbox} нет на {host}: «{reason}»"),
    "mail.error.app-refused": ("{host} refused the app ({status}): \"{reason}\"",
                               "{host} не допустил приложение ({status}): «{reason}»"),
    "mail.error.server-failed": ("{host} failed ({status}): \"{reason}\"",
                                 "сбой на стороне {host} ({status}): «{reason}»"),
    "mail.error.refused-status": ("{host} refused the message{to} ({status}): \"{reason}\"",
                                  "{host} не принял письмо{to} ({status}): «{reason}»"),
    "mail.error.to": (" to {address}", " для {address}"),
    "mail.error.token": ("cannot get a token from {host}: \"{reason}\"",
                         "не удалось получить токен у {host}: «{reason}»"),
    "mail.error.failed": ("{host} could not {doing}: \"{reason}\"",
                          "{host}: не удалось {doing}: «{reason}»"),
    "mail.doing.connect": ("connect", "подключиться"),
    "mail.doing.search-sent": ("search Sent Items", "найти письмо в отправленных"),
    "mail.doing.read-inbox": ("read the Inbox", "прочитать входящие"),
    "mail.doing.read-message": ("read a message", "прочитать письмо"),
    "mail.hint.login": ("check {key} and the password (or token) in its environment variable",
                        "проверьте {key} и пароль (или токен) в его переменной окружения"),
    "mail.hint.tls": ("check {key} ({starttls} on port 587, {implicit} on 465) and the "
                      "server's certificate",
                      "проверьте {key} ({starttls} на порту 587, {implicit} на 465) и "
                      "сертификат сервера"),
    "mail.hint.host": ("check {key}", "проверьте {key}"),
    "mail.hint.port": ("check {key} and port, and that the server runs", "проверьте {key} и "
                       "port, и что сервер запущен"),
    "mail.hint.network": ("check {key} and the network (firewall, proxy)",
                          "проверьте {key} и сеть (брандмауэр, прокси)"),
    "mail.hint.certificate": ("check the server's certificate and {key}",
                              "проверьте сертификат сервера и {key}"),
    "mail.hint.later": ("nothing went out; the message is tried again on the next run",
                        "ничего не ушло; письмо будет отправлено при следующем запуске"),
    "mail.hint.address": ("check the address with the client", "уточните адрес у клиента"),
    "mail.hint.mailbox": ("check {key}: the mailbox must exist and the account may use it",
                          "проверьте {key}: ящик должен существовать, а учётная запись — иметь "
                          "к нему доступ"),
    "mail.hint.graph-permission": ("grant the app the {send} application permission (and "
                                   "{read} for Sent Items) with admin consent",
                                   "дайте приложению разрешение {send} (и {read} для "
                                   "отправленных) с согласием администратора"),
    "mail.hint.fix-address": ("correct the address in the workbook",
                              "исправьте адрес в книге"),
    # the Campaigns sheet's status columns and the suppression sheet (engine-owned)
    "mail.status.planned": ("Planned", "Запланировано"),
    "mail.status.sent": ("Sent", "Отправлено"),
    "mail.status.failed": ("Failed", "Ошибки"),
    "mail.status.uncertain": ("Uncertain", "Неясно"),
    "mail.status.excluded": ("Excluded", "Исключено"),
    "mail.status.last-sent": ("Last sent", "Последняя отправка"),
    "sheet.suppression": ("Suppression", "Исключения"),
    "mail.suppression.address": ("E-mail", "Эл. почта"),
    "mail.suppression.reason": ("Reason", "Причина"),
    "mail.suppression.source": ("Source", "Источник"),
    "mail.suppression.added": ("Added", "Добавлен"),
    # command output
    "mail.campaign": ("Campaign {key} ({name}), transport {transport}",
                      "Кампания {key} ({name}), транспорт {transport}"),
    "mail.preview-summary": ("{recipients}, {excluded:,} excluded",
                             "{recipients}, исключено: {excluded:,}"),
    "mail.send-summary": ("sent {sent:,}, failed {failed:,}, uncertain {uncertain:,}, already "
                          "sent before {already:,}, excluded {excluded:,}",
                          "отправлено: {sent:,}, с ошибкой: {failed:,}, неясно: {uncertain:,}, "
                          "отправлено раньше: {already:,}, исключено: {excluded:,}"),
    "mail.would-receive": ("Would receive", "Получат"),
    "mail.excluded": ("Excluded", "Исключены"),
    "mail.rendered": ("rendered: {path}", "подготовлено: {path}"),
    "mail.uncertain-word": ("uncertain", "неясно"),
    "mail.file-written": ("written", "записан"),
    "mail.file-unchanged": ("unchanged", "без изменений"),
    "mail.file-skipped": ("skipped: {reason}", "пропущен: {reason}"),
    "mail.fetch-summary": ("Read {messages} from the mailbox: {replies:,} replies logged, "
                           "{bounces:,} bounces suppressed, {seen:,} read before, "
                           "{unmatched:,} not ours",
                           "Прочитано из почтового ящика: {messages}; ответов в истории "
                           "контактов: {replies:,}, адресов с ошибкой доставки в списке "
                           "исключений: {bounces:,}, прочитано раньше: {seen:,}, не наших: "
                           "{unmatched:,}"),
    "mail.requests-none": ("The Send column asks for nothing.",
                           "Столбец «Отправить» ничего не просит."),
    "mail.request-sent": ("{sent:,} sent", "отправлено: {sent:,}"),
    "mail.request-done": ("row {row}: {request} {campaign}: {state}",
                          "строка {row}: {request} {campaign}: {state}"),
    "mail.request-ignored": ("row {row}: '{value}' is not a request (write test or send)",
                             "строка {row}: «{value}» — не запрос (напишите «тест» или "
                             "«отправить»)"),
    "mail.request-waiting": ("waits for the send window (the cell stays until then)",
                             "ждёт окна отправки (до тех пор ячейка не очищается)"),
    "mail.request.test": ("test", "тест"),
    "mail.request.send": ("send", "отправка"),
    "mail.test-sent": ("Sent a test message to {to} through {transport}: {detail}",
                       "Проверочное письмо отправлено на {to} через {transport}: {detail}"),
    "mail.test-accepted": ("accepted", "принято"),
    "mail.test-not-sent": ("Not sent", "Не отправлено"),
    "mail.test-failed": ("{not_sent} to {to} through {transport}: {error}",
                         "{not_sent} на {to} через {transport}: {error}"),
    "mail.column.client": ("client", "клиент"),
    "mail.column.name": ("name", "название"),
    "mail.column.address": ("e-mail", "эл. почта"),
    "mail.column.why": ("why", "почему"),
    "mail.table-more": ("{count:,} more (--format json lists all)",
                        "ещё {count:,} (полный список: --format json)"),
    "mail.sending": ("sending", "отправка"),
    "count.recipient": ("{count:,} recipient|{count:,} recipients",
                        "{count:,} получатель|{count:,} получателя|{count:,} получателей"),
    "count.message": ("{count:,} message|{count:,} messages",
                      "{count:,} письмо|{count:,} письма|{count:,} писем"),
}

STATUS_COLUMNS = ("mail.status.planned", "mail.status.sent", "mail.status.failed",
                  "mail.status.uncertain", "mail.status.excluded", "mail.status.last-sent")
SUPPRESSION_COLUMNS = ("mail.suppression.address", "mail.suppression.reason",
                       "mail.suppression.source", "mail.suppression.added")

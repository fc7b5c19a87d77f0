"""Texts of the documents feature: the Documents register's headers, the names of the
kinds, the contact-log line, the report lines and the request column."""

from __future__ import annotations

DOCUMENTS: dict[str, tuple[str, str]] = {
    "document.register.number": ("Number", "Номер"),
    "document.register.kind": ("Kind", "Вид"),
    "document.register.date": ("Date", "Дата"),
    "document.register.client": ("Client", "Клиент"),
    "document.register.deal": ("Deal", "Сделка"),
    "document.register.amount": ("Amount", "Сумма"),
    "document.register.vat": ("VAT", "НДС"),
    "document.register.currency": ("Currency", "Валюта"),
    "document.register.file": ("File", "Файл"),
    "document.register.status": ("Status", "Статус"),
    "document.register.reason": ("Why void", "Причина аннулирования"),
    "document.kind.offer": ("offer", "КП"),
    "document.kind.invoice": ("invoice", "счёт"),
    "document.kind.act": ("act", "акт"),
    "document.kind.reminder": ("payment reminder", "напоминание"),
    "document.contact.made": ("{kind} {number} made, {amount}",
                              "{kind} {number} составлен, {amount}"),
    "document.target.deal": ("deal {id}", "сделке {id}"),
    "document.target.client": ("client {id}", "клиенту {id}"),
    "document.report.made": ("{kind} {number} for {deal} ({client}): {amount} → {file}",
                    "{kind} {number} по {deal} ({client}): {amount} → {file}"),
    "document.report.exists": ("{kind} {number} for {deal} already exists ({file}); "
                      "{option} makes another",
                      "{kind} {number} по {deal} уже есть ({file}); "
                      "{option} сделает новый"),
    "document.report.would": ("would make the {kind} for {deal} ({client}): {amount}",
                     "будет составлен документ «{kind}» по {deal} ({client}): {amount}"),
    "document.report.failed": ("{kind} for {deal} was not made: {reason}",
                      "{kind} по {deal} не составлен: {reason}"),
    "document.report.void": ("{kind} {number} is void: {reason}",
                    "{kind} {number} аннулирован: {reason}"),
    "document.report.none": ("Nothing to make.", "Составлять нечего."),
    "document.pdf.failed": ("{file}: PDF not made: {reason}",
                            "{file}: PDF не сделан: {reason}"),
    "document.pdf.unreadable": ("{program} cannot open it as a {format} document",
                                "{program} не открывает его как документ {format}"),
    "document.pdf.slow": ("{program} took longer than {seconds} s on it and was stopped",
                          "{program} не справился с ним за {seconds} с и был остановлен"),
    "document.pdf.stopped": ("{program} stopped unexpectedly",
                             "{program} неожиданно завершился"),
    "document.pdf.none": ("{program} made no PDF of it", "{program} не сделал из него PDF"),
    "document.pdf.error": ("{program} could not convert it: {detail}",
                           "{program} не смог его преобразовать: {detail}"),
    "document.pdf.missing": ("{program} is not installed; run {command}",
                             "{program} не установлен; запустите {command}"),
    "document.requestcol.number": ("Document No.", "№ документа"),
    "document.requestcol.date": ("Document date", "Дата документа"),
    "document.requestcol.file": ("Document file", "Файл документа"),
    "document.requestcol.unknown": ("deal {deal}: '{value}' in the request column is not a "
                           "document ({kinds}, or 'new …' for a new version)",
                           "сделка {deal}: «{value}» в столбце заявок — не документ "
                           "({kinds}, или «новый …» для новой версии)"),
}

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
    "document.report.would": ("the {kind} for {deal} ({client}): {amount}",
                     "документ «{kind}» по {deal} ({client}): {amount}"),
    # shown after the status "would make" / "будет составлен", which says the rest
    "document.report.failed": ("{kind} for {deal} was not made: {reason}",
                      "{kind} по {deal} не составлен: {reason}"),
    "document.report.void": ("{kind} {number} is void: {reason}",
                    "{kind} {number} аннулирован: {reason}"),
    "document.report.none": ("Nothing to make.", "Составлять нечего."),
    "document.requestcol.number": ("Document No.", "№ документа"),
    "document.requestcol.date": ("Document date", "Дата документа"),
    "document.requestcol.file": ("Document file", "Файл документа"),
    "document.logo.missing": ("the logo file {file} is missing",
                              "файла логотипа {file} нет"),
    "document.logo.not-picture": ("the logo file {file} is not a PNG or JPEG picture",
                                  "файл логотипа {file} — не картинка PNG или JPEG"),
    "document.logo.hint": ("put the picture there, or correct office.logo in config.toml "
                           "(relative to paths.templates; empty for no logo)",
                           "положите туда картинку или исправьте office.logo в config.toml "
                           "(путь от paths.templates; пусто — без логотипа)"),
    "document.logo.field": ("the office's logo (office.logo), {width} mm wide",
                            "логотип организации (office.logo), ширина {width} мм"),
    "document.request.offer": ("offer", "КП"),
    "document.request.invoice": ("invoice", "счёт"),
    "document.request.act": ("act", "акт"),
    "document.request.new-offer": ("new offer", "новое КП"),
    "document.request.new-invoice": ("new invoice", "новый счёт"),
    "document.request.new-act": ("new act", "новый акт"),
    "document.requestcol.unknown": ("deal {deal}: '{value}' in the request column is not a "
                           "document ({kinds}, or 'new …' for a new version)",
                           "сделка {deal}: «{value}» в столбце заявок — не документ "
                           "({kinds}, или «новый …» для новой версии)"),
}

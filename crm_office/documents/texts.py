"""Every text of the documents feature a person reads, in English and Russian.

One place, so it can move into the office-wide message catalogue as it is.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    # key: (English, Russian)
    "register.number": ("Number", "Номер"),
    "register.kind": ("Kind", "Вид"),
    "register.date": ("Date", "Дата"),
    "register.client": ("Client", "Клиент"),
    "register.deal": ("Deal", "Сделка"),
    "register.amount": ("Amount", "Сумма"),
    "register.vat": ("VAT", "НДС"),
    "register.currency": ("Currency", "Валюта"),
    "register.file": ("File", "Файл"),
    "register.status": ("Status", "Статус"),
    "register.reason": ("Why void", "Причина аннулирования"),
    "kind.offer": ("offer", "КП"),
    "kind.invoice": ("invoice", "счёт"),
    "kind.act": ("act", "акт"),
    "kind.reminder": ("payment reminder", "напоминание"),
    "contact.made": ("{kind} {number} made, {amount}", "{kind} {number} составлен, {amount}"),
    "target.deal": ("deal {id}", "сделке {id}"),
    "target.client": ("client {id}", "клиенту {id}"),
    "report.made": ("{kind} {number} for {deal} ({client}): {amount} → {file}",
                    "{kind} {number} по {deal} ({client}): {amount} → {file}"),
    "report.exists": ("{kind} {number} for {deal} already exists ({file}); "
                      "--new makes another",
                      "{kind} {number} по {deal} уже есть ({file}); "
                      "--new сделает новый"),
    "report.would": ("would make the {kind} for {deal} ({client}): {amount}",
                     "будет составлен документ «{kind}» по {deal} ({client}): {amount}"),
    "report.failed": ("{kind} for {deal} was not made: {reason}",
                      "{kind} по {deal} не составлен: {reason}"),
    "report.void": ("{kind} {number} is void: {reason}",
                    "{kind} {number} аннулирован: {reason}"),
    "report.none": ("Nothing to make.", "Составлять нечего."),
    "requestcol.number": ("Document No.", "№ документа"),
    "requestcol.date": ("Document date", "Дата документа"),
    "requestcol.file": ("Document file", "Файл документа"),
    "requestcol.unknown": ("deal {deal}: '{value}' in the request column is not a document "
                           "({kinds}, or 'new …' for a new version)",
                           "сделка {deal}: «{value}» в столбце заявок — не документ "
                           "({kinds}, или «новый …» для новой версии)"),
}


def text(key: str, locale: str, **values: Any) -> str:
    """The text of ``key`` in ``locale`` ("ru" or else English), filled in."""
    english, russian = TEXTS[key]
    return (russian if locale == "ru" else english).format(**values)


def target(kind: str, record_id: str, locale: str) -> str:
    """"deal D-000045", or "client C-000123" for a payment reminder."""
    return text("target.client" if kind == "reminder" else "target.deal", locale, id=record_id)


def kind_name(kind: str, locale: str, label: str = "") -> str:
    """What a kind of document is called ("offer", "КП"); an office's own kind by its label."""
    key = f"kind.{kind}"
    return text(key, locale) if key in TEXTS else (label or kind)

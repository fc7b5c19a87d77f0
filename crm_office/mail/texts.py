"""Every text of the mail feature a person reads, in English and Russian, per key.

Kept in one module so it can move into the office-wide message catalogue as it is.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    # why a client gets no message of a campaign
    "no-consent": ("no consent to mailings", "нет согласия на рассылку"),
    "suppressed": ("on the suppression list ({reason})", "в списке исключений ({reason})"),
    "no-address": ("no e-mail address", "нет адреса эл. почты"),
    "invalid-address": ("'{address}' is not a valid e-mail address",
                        "«{address}» — неверный адрес эл. почты"),
    "duplicate-address": ("same address as {first}", "тот же адрес, что у {first}"),
    "already-sent": ("already sent on {when}", "уже отправлено {when}"),
    "uncertain": ("may have gone out already (run stopped while sending); "
                  "--resend-uncertain sends it again",
                  "возможно, уже ушло (запуск прервался при отправке); "
                  "--resend-uncertain отправит снова"),
    # why a client is in
    "matches": ("matches {filters}", "подходит: {filters}"),
    "all-clients": ("every client with consent", "все клиенты с согласием"),
    # message parts
    "unsubscribe-line": ("To stop receiving these messages, write to {address} "
                         "with the subject 'unsubscribe'.",
                         "Чтобы отказаться от рассылки, напишите на {address} "
                         "с темой «unsubscribe»."),
    "test-subject": ("crm-office test message from {office}",
                     "Проверочное письмо crm-office от {office}"),
    "test-body": ("This is a test message sent by crm-office through the {transport} "
                  "transport. If you read this, mail works.",
                  "Это проверочное письмо crm-office через транспорт {transport}. "
                  "Если вы его читаете, почта работает."),
    "default-body": ("Dear {{ client.contact_person or client.name }},\n\n"
                     "{{ campaign.name }}\n\n{{ office.name }}",
                     "Здравствуйте, {{ client.contact_person or client.name }}!\n\n"
                     "{{ campaign.name }}\n\n{{ office.name }}"),
    # contact log
    "log-sent": ("E-mail of campaign {campaign}: {subject}",
                 "Письмо кампании {campaign}: {subject}"),
    "log-reply": ("Reply: {subject} — {excerpt}", "Ответ: {subject} — {excerpt}"),
    # errors
    "campaign-unknown": ("there is no campaign '{name}' (known: {known})",
                         "нет кампании «{name}» (есть: {known})"),
    "attachment-missing": ("attachment {path} of campaign {campaign} does not exist",
                           "вложение {path} кампании {campaign} не найдено"),
    "template-missing": ("template {path} of campaign {campaign} does not exist",
                         "шаблон {path} кампании {campaign} не найден"),
    "template-broken": ("template of campaign {campaign} cannot be used: {detail}",
                        "шаблон кампании {campaign} не работает: {detail}"),
    "daily-limit": ("daily limit reached ({limit} a day, {sent} sent today): {left} left for "
                    "the next run after midnight ({zone})",
                    "достигнут дневной предел ({limit} в день, сегодня отправлено {sent}): "
                    "{left} уйдут при следующем запуске после полуночи ({zone})"),
    "outside-window": ("outside the send window ({window}); nothing sent",
                       "вне окна отправки ({window}); ничего не отправлено"),
}


def raw(key: str, locale: str = "en") -> str:
    """The text of ``key`` as it stands (a Jinja template keeps its braces)."""
    english, russian = TEXTS[key]
    return russian if locale == "ru" else english


def text(key: str, locale: str = "en", **values: Any) -> str:
    """The text of ``key`` in the office's language, filled in."""
    english, russian = TEXTS[key]
    return (russian if locale == "ru" else english).format(**values)

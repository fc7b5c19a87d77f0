"""Every word of the weekly report and the reminders, as EN/RU pairs per key.

Kept in one module so it can move into the message catalogue as it is.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, tuple[str, str]] = {
    # sheets
    "sheet_summary": ("Summary", "Сводка"), "sheet_funnel": ("Funnel", "Воронка"),
    "sheet_refusals": ("Refusals", "Отказы"), "sheet_managers": ("Managers", "Менеджеры"),
    "sheet_receivables": ("Receivables", "Дебиторка"),
    "sheet_sources": ("Sources", "Источники"), "sheet_clients": ("Clients", "Клиенты"),
    "sheet_trend": ("Trend", "Динамика"), "sheet_history": ("History", "История"),
    # titles of tables
    "open_by_stage": ("Open deals by stage", "Открытые сделки по этапам"),
    "conversion": ("Conversion (deals opened in the trend window)",
                   "Конверсия (сделки, открытые за период)"),
    "deal_flow": ("New, won and lost deals", "Новые, выигранные и проигранные сделки"),
    "refusal_reasons": ("Refusal reasons (Pareto)", "Причины отказов (Парето)"),
    "refusals_by_stage": ("Refusals by stage (trend window)", "Отказы по этапам (за период)"),
    "manager_results": ("Managers' results", "Результаты менеджеров"),
    "contacts_by_type": ("Contacts of the week by type", "Контакты за неделю по типам"),
    "stalled_deals": ("Stalled deals", "Зависшие сделки"),
    "ageing": ("Ageing of receivables", "Возраст задолженности"),
    "debt_by_manager": ("Debt by manager", "Долг по менеджерам"),
    "debt_by_client": ("Debt by client", "Долг по клиентам"),
    "planned_actual": ("Due and paid per week", "План и факт оплат по неделям"),
    "by_source": ("By source", "По источникам"), "by_segment": ("By segment", "По сегментам"),
    "by_region": ("By region", "По регионам"), "by_industry": ("By industry", "По отраслям"),
    "campaigns": ("Campaigns", "Кампании"), "abc": ("ABC of clients", "ABC-анализ клиентов"),
    "client_counts": ("Clients and service", "Клиенты и сервис"),
    "satisfaction": ("CSAT and NPS", "CSAT и NPS"),
    "top_clients": ("Top clients by revenue", "Крупнейшие клиенты по выручке"),
    "findings": ("Findings", "Выводы"), "headline": ("The week in numbers", "Неделя в цифрах"),
    "trend": ("Trend", "Динамика"),
    # headers
    "stage": ("Stage", "Этап"), "deals": ("Deals", "Сделки"), "amount": ("Amount", "Сумма"),
    "median_days": ("Median days in stage", "Медиана дней на этапе"),
    "reached": ("Reached", "Дошли"), "to_next": ("To next stage", "В следующий этап"),
    "dropped": ("Lost here", "Отказы на этапе"), "measure": ("Measure", "Показатель"),
    "week": ("Week", "Неделя"), "week_amount": ("Week, amount", "Неделя, сумма"),
    "previous": ("Week before", "Пред. неделя"),
    "previous_amount": ("Week before, amount", "Пред. неделя, сумма"),
    "average": ("Weekly average", "В среднем за неделю"),
    "average_amount": ("Weekly average, amount", "В среднем, сумма"),
    "reason": ("Reason", "Причина"), "week_share": ("Week, share", "Неделя, доля"),
    "period": ("Trend window", "За период"), "period_share": ("Window, share", "Доля за период"),
    "cumulative_share": ("Cumulative share", "Накопленная доля"),
    "manager": ("Manager", "Менеджер"), "clients_in_work": ("Clients in work", "Клиентов в работе"),
    "flag": ("Load", "Загрузка"), "won": ("Won", "Выиграно"), "lost": ("Lost", "Проиграно"),
    "revenue": ("Revenue", "Выручка"), "pipeline": ("Open pipeline", "Открытые сделки, сумма"),
    "forecast": ("Forecast", "Прогноз"), "average_days": ("Average deal, days",
                                                           "Средняя сделка, дней"),
    "stalled": ("Stalled deals", "Зависших сделок"),
    "stalled_amount": ("Stalled, amount", "Зависшие, сумма"),
    "overdue_next": ("Overdue next contacts", "Просроченных контактов"),
    "debt": ("Debt of clients", "Долг клиентов"), "commission": ("Commission", "Комиссия"),
    "total": ("Total", "Всего"), "deal_id": ("Deal ID", "Код сделки"), "deal": ("Deal", "Сделка"),
    "client_id": ("Client ID", "Код клиента"), "client": ("Client", "Клиент"),
    "idle_days": ("Days without contact", "Дней без контакта"),
    "bucket": ("Overdue", "Просрочка"), "invoices": ("Invoices", "Счета"),
    "open": ("Open", "Не оплачено"), "due": ("Due", "К оплате"), "paid": ("Paid", "Оплачено"),
    "source": ("Source", "Источник"), "segment": ("Segment", "Сегмент"),
    "region": ("Region", "Регион"), "industry": ("Industry", "Отрасль"),
    "leads": ("Leads", "Лиды"), "conversion_share": ("Conversion", "Конверсия"),
    "campaign_id": ("Campaign ID", "Код кампании"), "campaign": ("Campaign", "Кампания"),
    "channel": ("Channel", "Канал"), "budget": ("Budget", "Бюджет"),
    "cost_per_won": ("Cost per won deal", "Стоимость выигранной сделки"),
    "class": ("Class", "Класс"), "clients": ("Clients", "Клиенты"),
    "revenue_share": ("Share of revenue", "Доля выручки"), "count": ("Count", "Количество"),
    "surveys": ("Surveys", "Опросы"), "csat": ("CSAT", "CSAT"), "nps": ("NPS", "NPS"),
    "value": ("This week", "Эта неделя"), "change": ("Change", "Изменение"),
    # measures and buckets
    "new": ("New deals", "Новые сделки"), "contacts": ("Contacts logged", "Контактов"),
    "new_deals": ("New deals", "Новых сделок"), "new_amount": ("New deals, amount",
                                                              "Новые сделки, сумма"),
    "won_deals": ("Deals won", "Выиграно сделок"), "won_amount": ("Revenue (won)",
                                                                 "Выручка (выиграно)"),
    "lost_deals": ("Deals lost", "Проиграно сделок"), "win_rate": ("Win rate", "Доля побед"),
    "payments": ("Payments received", "Поступило оплат"),
    "open_receivables": ("Receivables open", "Дебиторская задолженность"),
    "overdue_receivables": ("Receivables overdue", "Просроченная задолженность"),
    "open_complaints": ("Complaints open", "Открытых рекламаций"),
    "late_complaints": ("Complaints past deadline", "Рекламаций с истёкшим сроком"),
    "new_clients": ("New clients", "Новых клиентов"),
    "active_clients": ("Active clients", "Активных клиентов"),
    "sleeping_clients": ("Sleeping clients", "Спящих клиентов"),
    "not_due": ("not due yet", "срок не наступил"), "days_0_30": ("0–30 days", "0–30 дней"),
    "days_31_60": ("31–60 days", "31–60 дней"), "days_61_90": ("61–90 days", "61–90 дней"),
    "days_90_plus": ("90+ days", "более 90 дней"),
    "too_few": ("too few", "мало"), "too_many": ("too many", "много"),
    "(not given)": ("(not given)", "(не указана)"),
    # findings
    "refusals_at_stage": (
        "Refusals at the {stage} stage: {count} this week against {average} a week over "
        "{weeks} weeks",
        "Отказы на этапе «{stage}»: {count} за неделю против {average} в среднем за {weeks} "
        "недель"),
    "top_refusal_reason": (
        "{share} of refusals are '{reason}' ({count} of {total} in {weeks} weeks)",
        "{share} отказов — «{reason}» ({count} из {total} за {weeks} недель)"),
    "stalled_deals_finding": ("{manager}: {count} deals stalled, {amount}",
                              "{manager}: зависших сделок — {count}, {amount}"),
    "week_change": ("{measure}: {current} this week against {previous} the week before",
                    "{measure}: {current} за неделю против {previous} неделей раньше"),
    "old_debt": ("{amount} owed for more than 90 days ({invoices} invoices)",
                 "{amount} не оплачено более 90 дней ({invoices} счетов)"),
    "late_complaints_finding": ("{count} complaints are past their deadline",
                                "Рекламаций с истёкшим сроком: {count}"),
    "clients_in_work_finding": ("{manager} has {count} clients in work ({flag}; limit {limit})",
                        "У {manager} клиентов в работе: {count} ({flag}; порог {limit})"),
    # command output
    "cli_weekly": ("Weekly report {week}", "Недельный отчёт {week}"),
    "cli_mails": ("{mails} mail(s) put into the outbox; History holds {weeks} week(s)",
                  "Писем в исходящих: {mails}; недель в истории: {weeks}"),
    "cli_all_done": ("all steps done", "все шаги выполнены"),
    "cli_some_failed": ("some steps failed", "некоторые шаги не выполнены"),
    "step_check": ("check", "проверка"), "step_sync": ("sync", "синхронизация"),
    "step_validate": ("validate", "валидация"), "step_documents": ("documents", "документы"),
    "step_mailings": ("mailings", "рассылки"), "step_reminders": ("reminders", "напоминания"),
    "step_weekly report": ("weekly report", "недельный отчёт"),
    "status_ok": ("ok", "готово"), "status_problems": ("problems", "есть проблемы"),
    "status_skipped": ("skipped", "пропущено"), "status_failed": ("FAILED", "ОШИБКА"),
    "cli_scheduler": ("scheduler: {who}", "планировщик: {who}"),
    "cli_not_running": ("not running", "не запущен"),
    "cli_job": ("{job:<14} last {last:<24} next {next}",
                "{job:<14} последний {last:<24} следующий {next}"),
    "cli_never": ("never", "никогда"),
    # report and mail
    "report_title": ("Weekly report {week}", "Недельный отчёт {week}"),
    "report_title_manager": ("Weekly report {week}: {manager}",
                             "Недельный отчёт {week}: {manager}"),
    "mail_intro": ("The weekly report of {office} for {week} ({start} – {end}) is attached.",
                   "Во вложении недельный отчёт {office} за {week} ({start} – {end})."),
    "morning_subject": ("Your day, {date}", "Ваш день, {date}"),
    "morning_due": ("Contacts due today and overdue", "Контакты на сегодня и просроченные"),
    "morning_stalled": ("Stalled deals", "Зависшие сделки"),
    "morning_complaints": ("Complaints near their deadline", "Рекламации с близким сроком"),
    "morning_nothing": ("Nothing due today.", "На сегодня ничего срочного."),
    "payment_subject": ("Payment reminder: invoice {invoice}",
                        "Напоминание об оплате: счёт {invoice}"),
    "payment_body": (
        "Dear {client},\n\nour invoice {invoice} of {amount} was due on {due}. "
        "If it has been paid, please ignore this message.\n\n{office}",
        "Уважаемый {client}!\n\nСрок оплаты счёта {invoice} на сумму {amount} — {due}. "
        "Если счёт уже оплачен, просто не обращайте внимания на это письмо.\n\n{office}"),
    "payment_logged": ("Payment reminder ({level}) for invoice {invoice}",
                       "Напоминание об оплате ({level}) по счёту {invoice}"),
}


def text(key: str, locale: str, **values: Any) -> str:
    """The words of ``key`` in the office's language, with ``values`` filled in."""
    en, ru = TEXTS.get(key, (key, key))
    template = ru if locale == "ru" else en
    return template.format(**values) if values else template

"""The built-in tables of an office, declared as data.

Each column names its English and Russian header, its type, whether people or
the engine own it, and what else it may be called in an existing workbook.
"""

from __future__ import annotations

from crm_office.model.schema import FUNNEL, Choice, Column, ColumnType, Owner, Table

T = ColumnType
ENGINE = Owner.ENGINE


def _id(en: str, ru: str) -> Column:
    return Column("id", en, ru, unique=True, owner=ENGINE, aliases=("ID", "Код"), width=11)


CLIENT_STATUSES = (
    Choice("lead", "lead", "лид"), Choice("prospect", "prospect", "потенциальный"),
    Choice("active", "active", "активный"), Choice("inactive", "inactive", "неактивный"),
)
SEGMENTS = (
    Choice("small", "small", "малый"), Choice("medium", "medium", "средний"),
    Choice("large", "large", "крупный"),
)
SOURCES = (
    Choice("exhibition", "exhibition", "выставка"), Choice("referral", "referral", "рекомендация"),
    Choice("website", "website", "сайт"), Choice("advertising", "advertising", "реклама"),
    Choice("cold_call", "cold call", "холодный звонок"), Choice("mailing", "mailing", "рассылка"),
    Choice("other", "other", "другое"),
)
CONTACT_TYPES = (
    Choice("call", "call", "звонок"), Choice("meeting", "meeting", "встреча"),
    Choice("email", "e-mail", "письмо"), Choice("demo", "demo", "демонстрация"),
    Choice("offer", "offer sent", "отправлено КП"), Choice("complaint", "complaint", "жалоба"),
    Choice("survey", "survey", "опрос"), Choice("mailing", "mailing", "рассылка"),
    Choice("document", "document", "документ"),
)
REFUSAL_REASONS = (
    Choice("no_benefit", "did not see the benefit", "не увидел выгоды"),
    Choice("price", "price", "цена"),
    Choice("competitor", "chose a competitor", "выбрал конкурента"),
    Choice("no_budget", "no budget", "нет бюджета"), Choice("timing", "not now", "не сейчас"),
    Choice("no_response", "stopped responding", "перестал отвечать"),
    Choice("other", "other", "другое"),
)
CHANNELS = (
    Choice("email", "e-mail", "e-mail"), Choice("exhibition", "exhibition", "выставка"),
    Choice("advertising", "advertising", "реклама"), Choice("webinar", "webinar", "вебинар"),
    Choice("cold_call", "cold call", "холодный звонок"),
)
COMPLAINT_STATUSES = (
    Choice("open", "open", "открыта"), Choice("in_progress", "in progress", "в работе"),
    Choice("resolved", "resolved", "решена"), Choice("rejected", "rejected", "отклонена"),
)
INVOICE_STATUSES = (
    Choice("open", "open", "не оплачен"), Choice("partly_paid", "partly paid", "оплачен частично"),
    Choice("paid", "paid", "оплачен"), Choice("overdue", "overdue", "просрочен"),
)
ABC = (Choice("A", "A", "A"), Choice("B", "B", "B"), Choice("C", "C", "C"))
PAYMENT_METHODS = (
    Choice("bank", "bank transfer", "безналичный"), Choice("card", "card", "карта"),
    Choice("cash", "cash", "наличные"),
)


CLIENTS = Table("clients", "Clients", "Клиенты", id_prefix="C", columns=(
    _id("Client ID", "Код клиента"),
    Column("name", "Client", "Клиент", required=True, width=32,
           aliases=("Company", "Client name", "Name", "Компания", "Наименование", "Название")),
    Column("legal_name", "Legal name", "Юридическое название", width=36,
           aliases=("Full name", "Полное наименование")),
    Column("tax_id", "Tax ID", "ИНН", T.TAX_ID, aliases=("VAT number", "VAT ID", "TIN")),
    Column("contact_person", "Contact person", "Контактное лицо", width=24,
           aliases=("Contact", "Контакт")),
    Column("phone", "Phone", "Телефон", T.PHONE, width=18, aliases=("Tel", "Тел")),
    Column("email", "E-mail", "Эл. почта", T.EMAIL, width=28,
           aliases=("Mail", "Почта", "Электронная почта", "Email address")),
    Column("address", "Address", "Адрес", width=36),
    Column("region", "Region", "Регион", aliases=("Область", "City", "Город")),
    Column("industry", "Industry", "Отрасль", width=18, aliases=("Сфера деятельности",)),
    Column("segment", "Segment", "Сегмент", T.CHOICE, choices=SEGMENTS),
    Column("source", "Source", "Источник", T.CHOICE, choices=SOURCES,
           aliases=("How they found us", "Откуда узнал", "Канал")),
    Column("event", "Trigger event", "Повод обращения", width=24, aliases=("Event", "Событие")),
    Column("manager", "Manager", "Менеджер", width=18, aliases=("Responsible", "Ответственный"),
           references="managers"),
    Column("status", "Status", "Статус", T.CHOICE, required=True, choices=CLIENT_STATUSES),
    Column("consent", "Mailing consent", "Согласие на рассылку", T.BOOL,
           aliases=("Consent", "Согласие")),
    Column("created", "Created", "Дата создания", T.DATE, aliases=("Added", "Добавлен")),
    Column("last_contact", "Last contact", "Последний контакт", T.DATE, owner=ENGINE),
    Column("next_contact", "Next contact", "Следующий контакт", T.DATE, owner=ENGINE),
    Column("open_deals", "Open deals", "Открытые сделки", T.INTEGER, owner=ENGINE),
    Column("revenue", "Revenue", "Выручка", T.MONEY, owner=ENGINE),
    Column("debt", "Debt", "Долг", T.MONEY, owner=ENGINE, aliases=("Задолженность",)),
    Column("abc_class", "ABC class", "ABC-класс", T.CHOICE, owner=ENGINE, choices=ABC, width=10),
))

CONTACTS = Table("contacts", "Contact log", "История контактов", id_prefix="L", columns=(
    _id("Contact ID", "Код контакта"),
    Column("date", "Date", "Дата", T.DATE, required=True, width=12),
    Column("client_id", "Client ID", "Код клиента", required=True, references="clients",
           aliases=("Client code",)),
    Column("client", "Client", "Клиент", width=28, aliases=("Company", "Компания")),
    Column("manager", "Manager", "Менеджер", width=18, references="managers"),
    Column("type", "Type", "Тип", T.CHOICE, required=True, choices=CONTACT_TYPES,
           aliases=("Contact type", "Вид контакта")),
    Column("summary", "What was said", "Содержание", width=40,
           aliases=("Summary", "Notes", "Комментарий", "Описание")),
    Column("result", "Result", "Результат", width=24),
    Column("next_action", "Next action", "Следующий шаг", width=24),
    Column("next_date", "Next action date", "Дата следующего шага", T.DATE, width=12,
           aliases=("Next date", "Дата след. шага")),
))

DEALS = Table("deals", "Deals", "Сделки", id_prefix="D", columns=(
    _id("Deal ID", "Код сделки"),
    Column("title", "Deal", "Сделка", required=True, width=30, aliases=("Subject", "Предмет")),
    Column("client_id", "Client ID", "Код клиента", required=True, references="clients"),
    Column("manager", "Manager", "Менеджер", width=18, references="managers"),
    Column("stage", "Stage", "Этап", T.CHOICE, required=True, choices_from=FUNNEL,
           aliases=("Sales stage", "Этап продаж")),
    Column("created", "Opened", "Дата открытия", T.DATE, aliases=("Created", "Создана")),
    Column("amount", "Planned amount", "Плановая сумма", T.MONEY, aliases=("Amount", "Сумма")),
    Column("expected_close", "Expected close", "Ожидаемое закрытие", T.DATE),
    Column("closed", "Closed", "Дата закрытия", T.DATE),
    Column("refusal_reason", "Refusal reason", "Причина отказа", T.CHOICE, width=24,
           choices=REFUSAL_REASONS),
    Column("lost_at_stage", "Lost at stage", "Этап отказа", T.CHOICE, choices_from=FUNNEL),
    Column("product_group", "Product group", "Товарная группа", width=18),
    Column("campaign_id", "Campaign ID", "Код кампании", references="campaigns"),
    Column("paid", "Paid", "Оплачено", T.MONEY, owner=ENGINE),
    Column("days_in_stage", "Days in stage", "Дней на этапе", T.INTEGER, owner=ENGINE),
))

DEAL_ITEMS = Table("deal_items", "Deal items", "Позиции сделок", id_prefix="DI", columns=(
    _id("Item ID", "Код позиции"),
    Column("deal_id", "Deal ID", "Код сделки", required=True, references="deals"),
    Column("product_code", "Product code", "Артикул", required=True, references="products",
           aliases=("SKU", "Код товара")),
    Column("quantity", "Quantity", "Количество", T.NUMBER, required=True,
           aliases=("Qty", "Кол-во")),
    Column("price", "Price", "Цена", T.MONEY, required=True),
    Column("discount", "Discount, %", "Скидка, %", T.NUMBER),
))

PRODUCTS = Table("products", "Price list", "Прайс-лист", columns=(
    Column("code", "Product code", "Артикул", required=True, unique=True,
           aliases=("SKU", "Code", "Код товара")),
    Column("name", "Product", "Наименование", required=True, width=36,
           aliases=("Product name", "Товар", "Услуга")),
    Column("group", "Product group", "Товарная группа", width=18, aliases=("Group", "Группа")),
    Column("unit", "Unit", "Ед. изм.", width=8, aliases=("Единица",)),
    Column("price", "Price", "Цена", T.MONEY, required=True),
    Column("vat_rate", "VAT, %", "НДС, %", T.NUMBER),
    Column("active", "Active", "Активен", T.BOOL, aliases=("In sale", "В продаже")),
), id_column="code")

INVOICES = Table("invoices", "Invoices", "Счета", columns=(
    Column("number", "Invoice No.", "Номер счёта", required=True, unique=True,
           aliases=("Invoice number", "Number", "Номер", "№ счёта")),
    Column("date", "Date", "Дата", T.DATE, required=True, width=12),
    Column("client_id", "Client ID", "Код клиента", required=True, references="clients"),
    Column("deal_id", "Deal ID", "Код сделки", references="deals"),
    Column("amount", "Amount", "Сумма", T.MONEY, required=True),
    Column("due_date", "Due date", "Срок оплаты", T.DATE, required=True, width=12,
           aliases=("Due", "Оплатить до")),
    Column("paid", "Paid", "Оплачено", T.MONEY, owner=ENGINE),
    Column("status", "Payment status", "Статус оплаты", T.CHOICE, owner=ENGINE,
           choices=INVOICE_STATUSES, width=16),
), id_column="number")

PAYMENTS = Table("payments", "Payments", "Платежи", id_prefix="P", columns=(
    _id("Payment ID", "Код платежа"),
    Column("invoice", "Invoice No.", "Номер счёта", required=True, references="invoices",
           aliases=("Invoice number", "Invoice", "Счёт")),
    Column("date", "Date", "Дата", T.DATE, required=True, width=12),
    Column("amount", "Amount", "Сумма", T.MONEY, required=True),
    Column("method", "Method", "Способ оплаты", T.CHOICE, choices=PAYMENT_METHODS),
))

CAMPAIGNS = Table("campaigns", "Campaigns", "Кампании", id_prefix="M", columns=(
    _id("Campaign ID", "Код кампании"),
    Column("name", "Campaign", "Кампания", required=True, width=30, aliases=("Name", "Название")),
    Column("channel", "Channel", "Канал", T.CHOICE, required=True, choices=CHANNELS),
    Column("segment", "Segment", "Сегмент", T.CHOICE, choices=SEGMENTS),
    Column("region", "Region", "Регион"),
    Column("industry", "Industry", "Отрасль"),
    Column("start", "Start", "Начало", T.DATE, required=True),
    Column("end", "End", "Окончание", T.DATE),
    Column("budget", "Budget", "Бюджет", T.MONEY),
    Column("template", "Template", "Шаблон", width=24),
))

COMPLAINTS = Table("complaints", "Complaints", "Рекламации", id_prefix="R", columns=(
    _id("Complaint ID", "Код рекламации"),
    Column("date", "Date", "Дата", T.DATE, required=True, width=12),
    Column("client_id", "Client ID", "Код клиента", required=True, references="clients"),
    Column("subject", "Subject", "Суть", required=True, width=36,
           aliases=("Complaint", "Жалоба", "Описание")),
    Column("owner", "Owner", "Ответственный", width=18, references="managers"),
    Column("deadline", "Deadline", "Срок", T.DATE, width=12),
    Column("status", "Status", "Статус", T.CHOICE, required=True, choices=COMPLAINT_STATUSES),
    Column("resolved", "Resolved on", "Дата решения", T.DATE),
    Column("resolution", "Resolution", "Решение", width=30),
))

SURVEYS = Table("surveys", "Surveys", "Опросы", id_prefix="S", columns=(
    _id("Survey ID", "Код опроса"),
    Column("date", "Date", "Дата", T.DATE, required=True, width=12),
    Column("client_id", "Client ID", "Код клиента", required=True, references="clients"),
    Column("csat", "CSAT (1-5)", "Удовлетворённость (1-5)", T.INTEGER, aliases=("CSAT",)),
    Column("nps", "NPS (0-10)", "Готовность рекомендовать (0-10)", T.INTEGER, aliases=("NPS",)),
    Column("comment", "Comment", "Комментарий", width=40),
))

MANAGERS = Table("managers", "Managers", "Менеджеры", columns=(
    Column("name", "Manager", "Менеджер", required=True, unique=True, width=20,
           aliases=("Name", "Имя", "ФИО")),
    Column("email", "E-mail", "Эл. почта", T.EMAIL, width=28),
    Column("phone", "Phone", "Телефон", T.PHONE, width=18),
    Column("department", "Department", "Отдел", width=16),
    Column("regions", "Regions", "Регионы", width=24),
    Column("industries", "Industries", "Отрасли", width=24),
    Column("commission", "Commission, %", "Комиссия, %", T.NUMBER),
    Column("max_clients", "Max clients", "Макс. клиентов", T.INTEGER),
    Column("active", "Active", "Работает", T.BOOL),
), id_column="name")

BUILTIN_TABLES: dict[str, Table] = {table.key: table for table in (
    CLIENTS, CONTACTS, DEALS, DEAL_ITEMS, PRODUCTS, INVOICES, PAYMENTS,
    CAMPAIGNS, COMPLAINTS, SURVEYS, MANAGERS,
)}

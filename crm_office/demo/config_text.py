"""The config.toml of a new office, in English or Russian."""

from __future__ import annotations

STAGES = (
    ("lead", "лид", 5), ("qualification", "квалификация", 10), ("needs", "потребности", 20),
    ("demo", "демонстрация", 35), ("offer", "предложение", 50),
    ("negotiation", "переговоры", 65), ("contract", "договор", 80),
    ("invoiced", "счёт выставлен", 90), ("won", "выиграна", 100), ("lost", "проиграна", 0),
)

WORKBOOKS = (
    # table key, file, English sheet, Russian sheet
    ("clients", "clients.xlsx", "Clients", "Клиенты"),
    ("contacts", "contacts.xlsx", "Contact log", "История контактов"),
    ("deals", "deals.xlsx", "Deals", "Сделки"),
    ("deal_items", "deals.xlsx", "Deal items", "Позиции сделок"),
    ("products", "products.xlsx", "Price list", "Прайс-лист"),
    ("invoices", "invoices.xlsx", "Invoices", "Счета"),
    ("payments", "invoices.xlsx", "Payments", "Платежи"),
    ("campaigns", "campaigns.xlsx", "Campaigns", "Кампании"),
    ("complaints", "service.xlsx", "Complaints", "Рекламации"),
    ("surveys", "service.xlsx", "Surveys", "Опросы"),
    ("managers", "managers.xlsx", "Managers", "Менеджеры"),
)

OFFICE = {
    "en": {
        "name": "Northwind Travel", "legal_name": "Northwind Travel Ltd",
        "tax_id": "GB123456782", "address": "12 Harbour Street, Bristol BS1 4QA",
        "phone": "+44 117 496 0000", "email": "office@northwind.example",
        "website": "northwind.example", "bank_name": "Example Bank plc",
        "bank_account": "GB33BUKB20201555555555", "bank_code": "BUKBGB22",
        "vat_rate": 20, "currency": "GBP", "locale": "en", "country": "GB",
        "head_name": "Oliver Grant", "accountant_name": "Sophie Turner", "logo": "logo.png",
    },
    "ru": {
        "name": "Северный ветер", "legal_name": "ООО «Северный ветер»",
        "tax_id": "7707083893", "address": "г. Москва, ул. Примерная, д. 1",
        "phone": "+7 495 000-00-00", "email": "office@severny.example",
        "website": "severny.example", "bank_name": "ПАО «Пример Банк»",
        "bank_account": "40702810900000000001", "bank_code": "044525225",
        "vat_rate": 20, "currency": "RUB", "locale": "ru", "country": "RU",
        "kpp": "770701001", "correspondent_account": "30101810400000000225",
        "head_name": "Иванов И. И.", "accountant_name": "Петрова А. С.", "logo": "logo.png",
    },
}


HEAD_OF_SALES = {"en": "sales@northwind.example", "ru": "prodazhi@severny.example"}
"""Who gets the full weekly report in the demo office (the managers get their own)."""


def sheet_name(table: str, locale: str) -> str:
    """The sheet a table lives on in a new office."""
    for key, _file, english, russian in WORKBOOKS:
        if key == table:
            return russian if locale == "ru" else english
    raise KeyError(table)


def file_name(table: str) -> str:
    """The workbook a table lives in in a new office."""
    for key, file, _english, _russian in WORKBOOKS:
        if key == table:
            return file
    raise KeyError(table)


def config_toml(locale: str) -> str:
    """The whole config.toml text of a new office."""
    lines = ["# crm-office configuration. Every key is explained in README.md (Configuration).",
             "# Secrets are never written here: name the environment variable instead,",
             '# e.g. password = { env = "CRM_SMTP_PASSWORD" }.', "", "[office]"]
    for key, value in OFFICE[locale].items():
        lines.append(f"{key} = {_toml(value)}")
    lines += ["", "[paths]", 'workbooks = "workbooks"', 'templates = "templates"',
              'output = "output"', 'store = "crm-office.sqlite"', 'backups = ".backups"', ""]
    for key, file, english, russian in WORKBOOKS:
        sheet = russian if locale == "ru" else english
        lines += [f"[tables.{key}]", f"file = {_toml(file)}", f"sheet = {_toml(sheet)}", ""]
    lines += ["[funnel]", 'won = "won"', 'lost = "lost"', "stages = ["]
    for name, russian, probability in STAGES:
        lines.append(f'    {{ name = "{name}", label_ru = "{russian}", '
                     f"probability = {probability} }},")
    lines += ["]", "", "[funnel.stall_days]", "qualification = 14", "needs = 14", "demo = 21",
              "offer = 14", "negotiation = 21", "contract = 14", "invoiced = 30", "",
              "[mail]", 'transport = "outbox"', f"sender = {_toml(OFFICE[locale]['email'])}",
              'outbox = "outbox"', "", "[mail.smtp]", 'host = "127.0.0.1"', "port = 25",
              'password = { env = "CRM_SMTP_PASSWORD" }', "", "[analysis]",
              f"head_of_sales = {_toml(HEAD_OF_SALES[locale])}", "", "[schedule]",
              "sync_every_minutes = 10", 'reminders_at = "08:30"',
              'weekly_report_day = "monday"', 'weekly_report_at = "07:00"', ""]
    return "\n".join(lines + _documents(locale))


NUMBERS = {
    "en": {"offer": "OF-{year}-{n:05d}", "invoice": "INV-{year}-{n:05d}",
           "act": "DN-{year}-{n:05d}", "reminder": "REM-{year}-{n:05d}"},
    "ru": {"offer": "КП-{year}/{n:03d}", "invoice": "СЧ-{year}-{n:05d}",
           "act": "АКТ-{year}-{n:05d}", "reminder": "НП-{year}-{n:05d}"},
}


def _documents(locale: str) -> list[str]:
    lines = ["[documents]", "payment_days = 14", "prices_include_vat = false", "pdf = false",
             "qr = true", 'stage_requests = { offer = "offer", invoiced = "invoice" }', ""]
    for kind, number in NUMBERS[locale].items():
        lines += [f"[documents.kinds.{kind}]", f'template = "{kind}.docx"',
                  f"number = {_toml(number)}", ""]
    return lines


def _toml(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)

"""The words and layout of the shipped templates (offer, invoice, act, payment reminder).

Each template is a list of blocks; placeholders are the fields of
:mod:`crm_office.documents.context` (``crm-office templates fields KIND`` lists them).
"""

from __future__ import annotations

Block = tuple[str, ...]

LETTERHEAD = {
    "en": ("{{ office.legal_name }}", "{{ office.address }}",
           "Phone {{ office.phone }} · {{ office.email }} · {{ office.website }}",
           "VAT No. {{ office.tax_id }}"),
    "ru": ("{{ office.legal_name }}", "{{ office.address }}",
           "Тел. {{ office.phone }} · {{ office.email }} · {{ office.website }}",
           "ИНН {{ office.tax_id }} · КПП {{ office.kpp }}"),
}

LOGO = ("{%p if logo %}", "{{ logo }}", "{%p endif %}")
"""The letterhead's first paragraphs: the logo, or no paragraph at all without one."""

BANK = {
    "en": (("Payee", "{{ office.legal_name }}"), ("Bank", "{{ office.bank_name }}"),
           ("Account (IBAN)", "{{ office.bank_account }}"),
           ("BIC (SWIFT)", "{{ office.bank_code }}"), ("Reference", "{{ number }}")),
    "ru": (("Банк получателя", "{{ office.bank_name }}"), ("БИК", "{{ office.bank_code }}"),
           ("Корр. счёт", "{{ office.correspondent_account }}"),
           ("Расчётный счёт", "{{ office.bank_account }}"),
           ("ИНН / КПП", "{{ office.tax_id }} / {{ office.kpp }}"),
           ("Получатель", "{{ office.legal_name }}")),
}

ITEM_HEADINGS = {
    "en": ("No.", "Description", "Qty", "Unit", "Price", "Discount", "Amount"),
    "ru": ("№", "Наименование", "Кол-во", "Ед.", "Цена", "Скидка", "Сумма"),
}
ITEM_COLUMNS = (
    # field, width in cm, right-aligned
    ("{{ item.no }}", 0.8, False), ("{{ item.name }}", 6.4, False),
    ("{{ item.quantity }}", 1.4, True), ("{{ item.unit }}", 1.3, False),
    ("{{ item.price }}", 2.6, True), ("{{ item.discount }}", 1.6, True),
    ("{{ item.amount }}", 3.0, True),
)
TOTALS = {
    "en": (("Subtotal", "{{ subtotal }}"), ("{{ vat_label }}", "{{ vat }}"),
           ("Total", "{{ total }}")),
    "ru": (("Итого", "{{ subtotal }}"), ("{{ vat_label }}", "{{ vat }}"),
           ("Всего к оплате", "{{ total }}")),
}
VAT_RATES = {
    "en": "{% for line in vat_lines %}{{ line.label }}: {{ line.amount }}. {% endfor %}",
    "ru": "{% for line in vat_lines %}{{ line.label }}: {{ line.amount }}. {% endfor %}",
}

OWED_HEADINGS = {"en": ("No.", "Invoice", "Still owed"), "ru": ("№", "Счёт", "Сумма долга")}
OWED_COLUMNS = (("{{ item.no }}", 0.9, False), ("{{ item.name }}", 12.5, False),
                ("{{ item.amount }}", 4.0, True))
OWED_TOTAL = {"en": "Total owed", "ru": "Итого долг"}

TEMPLATES: dict[str, dict[str, list[Block]]] = {
    "en": {
        "offer": [
            ("letterhead",), ("title", "Commercial offer No. {{ number }}"),
            ("para", "Date: {{ date }}"),
            ("para", "To: {{ client.legal_name or client.name }}, {{ client.address }}"),
            ("para", "For the attention of: {{ client.contact_person }}"),
            ("para", "Thank you for your interest in our services. "
                     "We are pleased to offer you the following:"),
            ("items",), ("para", VAT_RATES["en"]),
            ("bold", "Total in words: {{ total_in_words }}"),
            ("para", "This offer is valid for 14 days from its date. Prices are in "
                     "{{ currency }}."),
            ("para", "Kind regards,"), ("bold", "{{ office.head_name }}, {{ office.legal_name }}"),
        ],
        "invoice": [
            ("letterhead",), ("title", "Invoice No. {{ number }}"),
            ("para", "Invoice date: {{ date }}"), ("bold", "Due date: {{ due_date }}"),
            ("para", "Bill to: {{ client.legal_name or client.name }}"),
            ("para", "{{ client.address }}"), ("para", "VAT No. {{ client.tax_id }}"),
            ("items",), ("para", VAT_RATES["en"]),
            ("bold", "Total in words: {{ total_in_words }}"),
            ("heading", "Payment details"), ("bank",),
            ("para", "Please pay by {{ due_date }}, quoting the invoice number."), ("qr",),
            ("para", "Authorised by ____________________ {{ office.head_name }}"),
        ],
        "act": [
            ("letterhead",), ("title", "Delivery note No. {{ number }} of {{ date }}"),
            ("para", "Supplier: {{ office.legal_name }}, {{ office.address }}"),
            ("para", "Customer: {{ client.legal_name or client.name }}, {{ client.address }}"),
            ("para", "For: {{ deal.title }}"), ("items",),
            ("bold", "Total in words: {{ total_in_words }}"),
            ("para", "The services above were delivered in full and on time. "
                     "The customer has no claims as to their scope, quality or timing."),
            ("para", "Supplier ____________________ {{ office.head_name }}"),
            ("para", "Customer ____________________ {{ client.contact_person }}"),
        ],
        "reminder": [
            ("letterhead",), ("title", "Payment reminder No. {{ number }} of {{ date }}"),
            ("para", "To: {{ client.legal_name or client.name }}, {{ client.address }}"),
            ("para", "Dear {{ client.contact_person or client.name }},"),
            ("para", "According to our records the following invoices are past their due "
                     "date and not yet paid in full:"),
            ("owed",), ("bold", "Total owed: {{ total }} ({{ total_in_words }})"),
            ("para", "Please pay the amount to the account below, quoting the invoice numbers. "
                     "If you have paid in the meantime, please disregard this letter."),
            ("bank",), ("para", "Kind regards,"),
            ("bold", "{{ office.head_name }}, {{ office.legal_name }}"),
        ],
    },
    "ru": {
        "offer": [
            ("letterhead",), ("title", "Коммерческое предложение № {{ number }}"),
            ("para", "Дата: {{ date }}"),
            ("para", "Кому: {{ client.legal_name or client.name }}, {{ client.address }}"),
            ("para", "Вниманию: {{ client.contact_person }}"),
            ("para", "Благодарим за интерес к нашим услугам. Предлагаем вам следующее:"),
            ("items",), ("para", VAT_RATES["ru"]),
            ("bold", "Сумма прописью: {{ total_in_words }}"),
            ("para", "Предложение действительно 14 дней с даты составления."),
            ("para", "С уважением,"), ("bold", "{{ office.head_name }}, {{ office.legal_name }}"),
        ],
        "invoice": [
            ("letterhead",), ("bank",),
            ("title", "Счёт на оплату № {{ number }} от {{ date }}"),
            ("para", "Поставщик: {{ office.legal_name }}, ИНН {{ office.tax_id }}, "
                     "КПП {{ office.kpp }}, {{ office.address }}"),
            ("para", "Покупатель: {{ client.legal_name or client.name }}, "
                     "ИНН {{ client.tax_id }}, {{ client.address }}"),
            ("items",), ("para", VAT_RATES["ru"]),
            ("para", "Всего наименований {{ item_count }}, на сумму {{ total }}"),
            ("bold", "{{ total_in_words }}"),
            ("para", "Оплатить до {{ due_date }}. В назначении платежа укажите номер счёта."),
            ("qr",),
            ("para", "Руководитель ____________ {{ office.head_name }}    "
                     "Бухгалтер ____________ {{ office.accountant_name }}"),
        ],
        "act": [
            ("letterhead",), ("title", "Акт № {{ number }} от {{ date }}"),
            ("para", "Исполнитель: {{ office.legal_name }}, ИНН {{ office.tax_id }}, "
                     "{{ office.address }}"),
            ("para", "Заказчик: {{ client.legal_name or client.name }}, "
                     "ИНН {{ client.tax_id }}, {{ client.address }}"),
            ("para", "Основание: {{ deal.title }}"), ("items",), ("para", VAT_RATES["ru"]),
            ("para", "Всего оказано услуг {{ item_count }}, на сумму {{ total }}"),
            ("bold", "{{ total_in_words }}"),
            ("para", "Вышеперечисленные услуги выполнены полностью и в срок. Заказчик "
                     "претензий по объёму, качеству и срокам оказания услуг не имеет."),
            ("para", "Исполнитель ____________ {{ office.head_name }}    "
                     "Заказчик ____________ {{ client.contact_person }}"),
        ],
        "reminder": [
            ("letterhead",), ("title", "Напоминание об оплате № {{ number }} от {{ date }}"),
            ("para", "Кому: {{ client.legal_name or client.name }}, {{ client.address }}"),
            ("para", "Уважаемый(ая) {{ client.contact_person or client.name }}!"),
            ("para", "По нашим данным, срок оплаты следующих счетов истёк, а оплата "
                     "поступила не полностью:"),
            ("owed",), ("bold", "Итого долг: {{ total }} ({{ total_in_words }})"),
            ("para", "Просим оплатить задолженность по реквизитам ниже, указав номера счетов. "
                     "Если оплата уже произведена, просим не учитывать это письмо."),
            ("bank",), ("para", "С уважением,"),
            ("bold", "{{ office.head_name }}, {{ office.legal_name }}"),
        ],
    },
}

TITLES = {
    "en": {"offer": "Commercial offer", "invoice": "Invoice", "act": "Delivery note",
           "reminder": "Payment reminder"},
    "ru": {"offer": "Коммерческое предложение", "invoice": "Счёт на оплату", "act": "Акт",
           "reminder": "Напоминание об оплате"},
}

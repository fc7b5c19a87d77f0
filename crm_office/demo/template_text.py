"""The words of the demo offer and invoice templates, in English and Russian.

Placeholders are docxtpl (Jinja) fields that the documents module fills in.
"""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "tax_id": "VAT No.", "phone": "Phone", "email": "E-mail",
        "offer_title": "Commercial offer No. {{ number }} of {{ date }}",
        "offer_to": "To: {{ client.name }}",
        "offer_attn": "For the attention of: {{ client.contact_person }}",
        "offer_intro": "Thank you for your interest in our services. "
                       "We are pleased to offer you the following:",
        "offer_valid": "This offer is valid for 14 days from its date. "
                       "Prices are in pounds sterling.",
        "offer_close": "Kind regards,",
        "invoice_title": "Invoice No. {{ number }} of {{ date }}",
        "supplier": "Supplier", "customer": "Customer",
        "customer_line": "{{ client.name }}, {{ client.address }}",
        "customer_tax": "VAT No. {{ client.tax_id }}",
        "bank": "Bank", "account": "Account (IBAN)", "bank_code": "BIC (SWIFT)",
        "payee": "Payee",
        "due": "Please pay by {{ due_date }}, quoting the invoice number.",
        "signature": "Authorised by ____________________",
        "col_no": "No.", "col_name": "Description", "col_quantity": "Qty", "col_unit": "Unit",
        "col_price": "Price", "col_discount": "Discount, %", "col_amount": "Amount",
        "subtotal": "Subtotal", "vat": "VAT", "total": "Total",
        "in_words": "Total in words: {{ total_in_words }}",
    },
    "ru": {
        "tax_id": "ИНН", "phone": "Тел.", "email": "Эл. почта",
        "offer_title": "Коммерческое предложение № {{ number }} от {{ date }}",
        "offer_to": "Кому: {{ client.name }}",
        "offer_attn": "Вниманию: {{ client.contact_person }}",
        "offer_intro": "Благодарим за интерес к нашим услугам. "
                       "Предлагаем вам следующее:",
        "offer_valid": "Предложение действительно 14 дней с даты составления. "
                       "Цены указаны в рублях.",
        "offer_close": "С уважением,",
        "invoice_title": "Счёт на оплату № {{ number }} от {{ date }}",
        "supplier": "Поставщик", "customer": "Покупатель",
        "customer_line": "{{ client.name }}, {{ client.address }}",
        "customer_tax": "ИНН {{ client.tax_id }}",
        "bank": "Банк получателя", "account": "Расчётный счёт", "bank_code": "БИК",
        "payee": "Получатель",
        "due": "Оплатить до {{ due_date }}. В назначении платежа укажите номер счёта.",
        "signature": "Руководитель ____________________    Бухгалтер ____________________",
        "col_no": "№", "col_name": "Наименование", "col_quantity": "Кол-во", "col_unit": "Ед.",
        "col_price": "Цена", "col_discount": "Скидка, %", "col_amount": "Сумма",
        "subtotal": "Итого", "vat": "НДС", "total": "Всего к оплате",
        "in_words": "Сумма прописью: {{ total_in_words }}",
    },
}

ITEM_COLUMNS = (
    # heading key, field, width in cm, right-aligned
    ("col_no", "{{ loop.index }}", 0.9, False),
    ("col_name", "{{ item.name }}", 6.6, False),
    ("col_quantity", "{{ item.quantity }}", 1.5, True),
    ("col_unit", "{{ item.unit }}", 1.4, False),
    ("col_price", "{{ item.price }}", 2.2, True),
    ("col_discount", "{{ item.discount }}", 1.8, True),
    ("col_amount", "{{ item.amount }}", 2.6, True),
)

TOTALS = (("subtotal", "{{ subtotal }}"), ("vat", "{{ vat }}"), ("total", "{{ total }}"))

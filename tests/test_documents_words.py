"""Amount in words against values written by hand (Russian forms, English, minor units)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crm_office.documents.words import amount_in_words

CASES = [
    ("0", "RUB", "ru", "Ноль рублей 00 копеек"),
    ("1", "RUB", "ru", "Один рубль 00 копеек"),
    ("2", "RUB", "ru", "Два рубля 00 копеек"),
    ("5", "RUB", "ru", "Пять рублей 00 копеек"),
    ("11", "RUB", "ru", "Одиннадцать рублей 00 копеек"),
    ("21", "RUB", "ru", "Двадцать один рубль 00 копеек"),
    ("101", "RUB", "ru", "Сто один рубль 00 копеек"),
    ("112", "RUB", "ru", "Сто двенадцать рублей 00 копеек"),
    ("1000", "RUB", "ru", "Одна тысяча рублей 00 копеек"),
    ("1200.50", "RUB", "ru", "Одна тысяча двести рублей 50 копеек"),
    ("2000", "RUB", "ru", "Две тысячи рублей 00 копеек"),
    ("5000", "RUB", "ru", "Пять тысяч рублей 00 копеек"),
    ("21000", "RUB", "ru", "Двадцать одна тысяча рублей 00 копеек"),
    ("1000000", "RUB", "ru", "Один миллион рублей 00 копеек"),
    ("2000000", "RUB", "ru", "Два миллиона рублей 00 копеек"),
    ("0.01", "RUB", "ru", "Ноль рублей 01 копейка"),
    ("0.02", "RUB", "ru", "Ноль рублей 02 копейки"),
    ("0.11", "RUB", "ru", "Ноль рублей 11 копеек"),
    ("3.21", "RUB", "ru", "Три рубля 21 копейка"),
    ("2.675", "RUB", "ru", "Два рубля 68 копеек"),
    ("1", "UAH", "ru", "Одна гривна 00 копеек"),
    ("2", "UAH", "ru", "Две гривны 00 копеек"),
    ("2001", "UAH", "ru", "Две тысячи одна гривна 00 копеек"),
    ("2000000.02", "UAH", "ru", "Два миллиона гривен 02 копейки"),
    ("12400", "EUR", "ru", "Двенадцать тысяч четыреста евро 00 центов"),
    ("21.21", "GBP", "ru", "Двадцать один фунт стерлингов 21 пенс"),
    ("0", "GBP", "en", "Zero pounds and 00 pence"),
    ("1", "GBP", "en", "One pound and 00 pence"),
    ("1200.50", "GBP", "en", "One thousand two hundred pounds and 50 pence"),
    ("2.675", "GBP", "en", "Two pounds and 68 pence"),
    ("0.01", "GBP", "en", "Zero pounds and 01 penny"),
    ("21000", "GBP", "en", "Twenty-one thousand pounds and 00 pence"),
    ("101", "EUR", "en", "One hundred and one euros and 00 cents"),
    ("2000000.99", "USD", "en", "Two million dollars and 99 cents"),
    ("1000", "RUB", "en", "One thousand roubles and 00 kopecks"),
    ("-5", "RUB", "ru", "Минус пять рублей 00 копеек"),
]


@pytest.mark.parametrize(("amount", "currency", "language", "expected"), CASES)
def test_amount_in_words(amount: str, currency: str, language: str, expected: str) -> None:
    assert amount_in_words(Decimal(amount), currency, language) == expected


def test_a_whole_int_is_refused_not_read_as_kopecks() -> None:
    with pytest.raises(TypeError):
        amount_in_words(1000, "RUB", "ru")  # type: ignore[arg-type]


def test_unknown_currency_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="RUB"):
        amount_in_words(Decimal(1), "XYZ", "ru")


@pytest.mark.parametrize("currency", ["GBP", "EUR", "RUB", "USD", "UAH", "JPY"])
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("amount", ["0", "0.5", "1", "12.3", "999.99", "1000", "1200.50",
                                    "21000", "1234567.89", "-1200.50", "2000000.01"])
def test_money_format_equals_babel(currency: str, language: str, amount: str) -> None:
    from babel.numbers import format_currency

    from crm_office.documents.context import LOCALES, Formats

    value = Decimal(amount)
    expected = format_currency(value, currency, locale=LOCALES[language])
    assert Formats(language, currency).money(value) == expected

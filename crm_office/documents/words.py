"""An amount of money in words, the way accountants write it.

``Одна тысяча двести рублей 50 копеек``, ``One thousand two hundred pounds and 50 pence``.
Built on num2words for the integer part only, always from ``Decimal``: its currency
mode reads a whole ``int`` as kopecks, rounds floats wrongly, puts a comma before the
kopecks, writes «ноль копеек» and has no Russian words for GBP or EUR. The rest is
shaped here: capitalised, minor units as two digits, the right Russian plural forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crm_office.documents.money import minor_unit, round_money


@dataclass(frozen=True)
class CurrencyWords:
    """Words of a currency: (one, few, many) forms in Russian, (one, many) in English."""

    major: tuple[str, ...]
    minor: tuple[str, ...]
    feminine: bool = False
    """Russian: the major unit is feminine (одна гривна, две гривны)."""


RUSSIAN: dict[str, CurrencyWords] = {
    "RUB": CurrencyWords(("рубль", "рубля", "рублей"), ("копейка", "копейки", "копеек")),
    "EUR": CurrencyWords(("евро", "евро", "евро"), ("цент", "цента", "центов")),
    "USD": CurrencyWords(("доллар США", "доллара США", "долларов США"),
                         ("цент", "цента", "центов")),
    "GBP": CurrencyWords(("фунт стерлингов", "фунта стерлингов", "фунтов стерлингов"),
                         ("пенс", "пенса", "пенсов")),
    "UAH": CurrencyWords(("гривна", "гривны", "гривен"), ("копейка", "копейки", "копеек"),
                         feminine=True),
    "KZT": CurrencyWords(("тенге", "тенге", "тенге"), ("тиын", "тиына", "тиынов")),
    "BYN": CurrencyWords(("белорусский рубль", "белорусских рубля", "белорусских рублей"),
                         ("копейка", "копейки", "копеек")),
}

ENGLISH: dict[str, CurrencyWords] = {
    "GBP": CurrencyWords(("pound", "pounds"), ("penny", "pence")),
    "EUR": CurrencyWords(("euro", "euros"), ("cent", "cents")),
    "USD": CurrencyWords(("dollar", "dollars"), ("cent", "cents")),
    "RUB": CurrencyWords(("rouble", "roubles"), ("kopeck", "kopecks")),
    "UAH": CurrencyWords(("hryvnia", "hryvnias"), ("kopiyka", "kopiykas")),
    "KZT": CurrencyWords(("tenge", "tenge"), ("tiyn", "tiyn")),
    "BYN": CurrencyWords(("Belarusian rouble", "Belarusian roubles"), ("kopeck", "kopecks")),
}


def russian_form(number: int, forms: tuple[str, ...]) -> str:
    """The Russian plural form for ``number``: 1 рубль, 2 рубля, 5 рублей, 11 рублей."""
    tens, last = number % 100, number % 10
    if 11 <= tens <= 14:
        return forms[2]
    if last == 1:
        return forms[0]
    return forms[1] if 2 <= last <= 4 else forms[2]


def amount_in_words(amount: Decimal, currency: str, language: str) -> str:
    """``amount`` of ``currency`` in words in ``language`` ("en" or "ru")."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"amount must be a Decimal, not {type(amount).__name__}")
    table = RUSSIAN if language == "ru" else ENGLISH
    if currency not in table:
        known = ", ".join(sorted(table))
        raise ValueError(f"no words for currency {currency} in '{language}' (known: {known})")
    words = table[currency]
    unit = minor_unit(currency)
    rounded = round_money(abs(amount), unit)
    major = int(rounded)
    digits = len(str(unit).split(".")[1]) if unit < 1 else 0
    minor = int((rounded - major) * (10 ** digits))
    text = (_russian(major, minor, digits, words) if language == "ru"
            else _english(major, minor, digits, words))
    if amount < 0:
        text = ("минус " if language == "ru" else "minus ") + text
    return text[0].upper() + text[1:]


def cardinal_ru(number: int, feminine: bool = False) -> str:
    """A whole number in Russian words; ``feminine`` applies to the last three digits only."""
    from num2words import num2words

    if not feminine or number % 1000 == 0:
        return str(num2words(number, lang="ru"))
    high, low = divmod(number, 1000)
    tail = str(num2words(low, lang="ru", gender="f"))
    return f"{num2words(high * 1000, lang='ru')} {tail}" if high else tail


def cardinal_en(number: int) -> str:
    """A whole number in English words, without num2words' commas."""
    from num2words import num2words

    return str(num2words(number, lang="en")).replace(",", "")


def _russian(major: int, minor: int, digits: int, words: CurrencyWords) -> str:
    text = f"{cardinal_ru(major, words.feminine)} {russian_form(major, words.major)}"
    if not digits:
        return text
    return f"{text} {minor:0{digits}d} {russian_form(minor, words.minor)}"


def _english(major: int, minor: int, digits: int, words: CurrencyWords) -> str:
    text = f"{cardinal_en(major)} {words.major[0 if major == 1 else 1]}"
    if not digits:
        return text
    return f"{text} and {minor:0{digits}d} {words.minor[0 if minor == 1 else 1]}"

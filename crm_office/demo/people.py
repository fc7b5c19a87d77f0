"""Plausible identities: people, companies, tax IDs, phones, e-mails, addresses."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from crm_office.demo.vocabulary import Region, Words

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"),
    strict=True))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_VAT_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Person:
    """A contact person: full name as written in the locale, and the parts of it."""

    name: str
    first: str
    surname: str


@dataclass(frozen=True)
class Company:
    """A company's short name, legal name and the slug its web domain is made of."""

    name: str
    legal_name: str
    slug: str


def slug(text: str) -> str:
    """Latin lower-case letters, digits and hyphens; Russian is transliterated."""
    latin = "".join(_TRANSLIT.get(char, char) for char in text.lower())
    return _NOT_SLUG.sub("-", latin).strip("-")


def person(rng: random.Random, words: Words) -> Person:
    """A person's name: 'Laura Smith' or 'Иванова Елена Сергеевна'."""
    female = rng.random() < 0.5
    first = rng.choice(words.female_names if female else words.male_names)
    surname = rng.choice(words.surnames)
    if not words.patronymics:
        return Person(f"{first} {surname}", first, surname)
    surname = _feminine(surname) if female else surname
    patronymic = rng.choice(words.patronymics)[1 if female else 0]
    return Person(f"{surname} {first} {patronymic}", first, surname)


def _feminine(surname: str) -> str:
    return surname[:-2] + "ая" if surname.endswith("ий") else surname + "а"


def company(rng: random.Random, words: Words, industry: str, large: bool,
            taken: set[str]) -> Company:
    """A company name not in ``taken`` (which it joins), with legal form and slug."""
    endings = next(item.endings for item in words.industries if item.name == industry)
    core = ""
    for attempt in range(200):
        word = rng.choice(words.company_words)
        ending = rng.choice(endings) if words.locale != "ru" or rng.random() < 0.6 else ""
        core = _join(word, ending, words.locale) + (f" {attempt}" if attempt >= 100 else "")
        if core not in taken:
            break
    taken.add(core)
    if words.locale == "ru":
        short, full = ("АО", "Акционерное общество") if large and rng.random() < 0.6 else \
            ("ООО", "Общество с ограниченной ответственностью")
        return Company(f"{short} «{core}»", f"{full} «{core}»", slug(core))
    form = "plc" if large and rng.random() < 0.5 else "Ltd"
    return Company(core, f"{core} {form}", slug(core))


def _join(word: str, ending: str, locale: str) -> str:
    if not ending:
        return word
    if locale == "ru":
        return word + ending
    return f"{word} {ending}"


def email(rng: random.Random, words: Words, who: Person, domain: str) -> str:
    """A lower-case address at ``domain``: personal (e.smith@) or a shared mailbox."""
    if rng.random() < 0.35:
        local = rng.choice(words.mailboxes)
    else:
        local = f"{slug(who.first)[:1]}.{slug(who.surname)}"
    return f"{local}@{domain}".lower()


def phone(rng: random.Random, words: Words, region: Region, taken: set[str]) -> str:
    """A unique office or mobile number in international format.

    English numbers are landlines from Ofcom's ranges kept for drama (valid, never
    anyone's); Ofcom's drama mobiles are not valid numbers, so there are none.
    """
    while True:
        mobile = bool(words.mobile_prefixes) and rng.random() < 0.45
        prefix = rng.choice(words.mobile_prefixes) if mobile else region.phone_prefix
        if words.locale == "ru":
            number = (f"{prefix}{rng.randint(200, 999)}-{rng.randint(0, 99):02d}-"
                      f"{rng.randint(0, 99):02d}")
        else:
            number = f"{prefix}{rng.randint(0, 999):03d}"
        if number not in taken:
            taken.add(number)
            return number


def address(rng: random.Random, words: Words, region: Region) -> str:
    """A street address in the region, written the way the locale writes it."""
    city = rng.choice(region.cities)
    street = rng.choice(words.streets)
    house = rng.randint(1, 180)
    if words.locale == "ru":
        index = f"{rng.choice(region.postcodes)}{rng.randint(0, 999):03d}"
        return f"{index}, {city}, {street}, д. {house}, оф. {rng.randint(1, 420)}"
    letters = "".join(rng.choice(_POSTCODE_LETTERS) for _ in range(2))
    postcode = f"{rng.choice(region.postcodes)} {rng.randint(1, 9)}{letters}"
    unit = f"Unit {rng.randint(1, 24)}, " if rng.random() < 0.25 else ""
    return f"{unit}{house} {street}, {city} {postcode}"


def tax_id(rng: random.Random, locale: str, region: Region, taken: set[str]) -> str:
    """A unique, checksum-valid tax ID: a 10-digit INN (ru) or a GB VAT number."""
    while True:
        value = _inn(rng, region.tax_prefix) if locale == "ru" else _gb_vat(rng)
        if value not in taken:
            taken.add(value)
            return value


def _inn(rng: random.Random, prefix: str) -> str:
    body = f"{prefix}{rng.randint(1, 51):02d}{rng.randint(0, 99999):05d}"
    check = sum(int(digit) * weight for digit, weight in zip(body, _INN_WEIGHTS, strict=True))
    return f"{body}{check % 11 % 10}"


def _gb_vat(rng: random.Random) -> str:
    body = f"{rng.randint(1000000, 9999999)}"
    total = sum(int(digit) * weight for digit, weight in zip(body, _VAT_WEIGHTS, strict=True))
    return f"GB{body}{-total % 97:02d}"


def inn_is_valid(value: str) -> bool:
    """Whether a 10-digit INN's check digit is right."""
    if len(value) != 10 or not value.isdigit():
        return False
    check = sum(int(digit) * weight for digit, weight in zip(value[:9], _INN_WEIGHTS, strict=True))
    return check % 11 % 10 == int(value[-1])

"""The price list of the demo travel agency, in English and Russian."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

GROUPS: dict[str, tuple[str, str, str]] = {
    # key: (code prefix, English, Russian)
    "tours": ("TR", "Tours", "Туры"),
    "business": ("BT", "Business travel", "Деловые поездки"),
    "events": ("EV", "Events", "Мероприятия"),
    "transfers": ("TF", "Transfers", "Трансферы"),
    "insurance": ("IN", "Insurance", "Страхование"),
    "visas": ("VS", "Visa services", "Визы"),
    "services": ("SV", "Services", "Услуги"),
}

UNITS: dict[str, tuple[str, str]] = {
    "person": ("person", "чел."), "month": ("month", "мес."), "service": ("service", "усл."),
    "day": ("day", "день"), "hour": ("hour", "час"), "policy": ("policy", "полис"),
    "page": ("page", "стр."),
}

RUB_PER_GBP = 100
"""Russian prices are the English ones times this: the demo stays comparable."""


@dataclass(frozen=True)
class Product:
    """One line of the price list; ``quantity`` is the usual range ordered."""

    group: str
    en: str
    ru: str
    unit: str
    price_gbp: int
    quantity: tuple[int, int] = (1, 1)
    vat: int = 20
    active: bool = True

    def price(self, locale: str) -> Decimal:
        """The list price in the locale's currency (GBP or RUB)."""
        return Decimal(self.price_gbp * (RUB_PER_GBP if locale == "ru" else 1))

    def name(self, locale: str) -> str:
        """The product's name in the locale."""
        return self.ru if locale == "ru" else self.en


P = Product
PRODUCTS: tuple[Product, ...] = (
    P("tours", "Incentive tour to Lisbon, 4 days", "Инсентив-тур в Лиссабон, 4 дня", "person", 890),
    P("tours", "Team-building weekend in the Lake District", "Тимбилдинг на выходные в Карелии",
      "person", 420),
    P("tours", "Incentive tour to Dubai, 5 days", "Инсентив-тур в Дубай, 5 дней", "person", 1650),
    P("tours", "City break in Barcelona, 3 days", "Выходные в Барселоне, 3 дня", "person", 640),
    P("tours", "Ski trip to the Alps, 7 days", "Горнолыжный тур на Розу Хутор, 7 дней",
      "person", 1380),
    P("tours", "Cultural tour of Rome, 4 days", "Культурный тур по Риму, 4 дня", "person", 970),
    P("tours", "Scottish Highlands tour, 5 days", "Тур по Золотому кольцу, 5 дней", "person", 760),
    P("tours", "Beach retreat in Crete, 7 days", "Отдых на Крите, 7 дней", "person", 1120),
    P("tours", "Business and culture tour of Istanbul, 4 days", "Деловой тур в Стамбул, 4 дня",
      "person", 830),
    P("tours", "Norwegian fjords cruise, 6 days", "Круиз по Волге, 6 дней", "person", 1490,
      active=False),
    P("business", "Business travel management, monthly fee",
      "Абонентское обслуживание командировок", "month", 1200, (3, 12)),
    P("business", "Air ticket booking", "Бронирование авиабилета", "service", 25, (4, 60)),
    P("business", "Hotel booking", "Бронирование гостиницы", "service", 15, (4, 60)),
    P("business", "Rail ticket booking", "Бронирование ж/д билета", "service", 12, (4, 40)),
    P("business", "Travel policy audit", "Аудит тревел-политики компании", "service", 1800),
    P("business", "Urgent travel arrangements (24/7)", "Срочное оформление поездки (24/7)",
      "service", 60, (1, 10)),
    P("events", "Conference organisation, up to 100 guests",
      "Организация конференции до 100 участников", "service", 9500),
    P("events", "Conference venue hire", "Аренда конференц-зала", "day", 2200, (1, 3)),
    P("events", "Gala dinner", "Гала-ужин", "person", 95),
    P("events", "Coffee break", "Кофе-брейк", "person", 14),
    P("events", "Team-building programme with a host", "Тимбилдинг-программа с ведущим",
      "service", 3200),
    P("events", "Event photographer", "Фотограф на мероприятие", "hour", 120, (2, 8)),
    P("events", "Simultaneous interpretation", "Синхронный перевод", "hour", 180, (4, 16)),
    P("events", "Exhibition stand support", "Сопровождение выставочного стенда", "day", 650,
      (2, 5)),
    P("transfers", "Airport transfer, car", "Трансфер из аэропорта, легковой автомобиль",
      "service", 75, (2, 12)),
    P("transfers", "Airport transfer, minibus up to 18 seats",
      "Трансфер из аэропорта, микроавтобус до 18 мест", "service", 190, (1, 6)),
    P("transfers", "Coach hire with driver", "Аренда автобуса с водителем", "hour", 85, (4, 24)),
    P("transfers", "Business car with driver", "Бизнес-автомобиль с водителем", "hour", 55,
      (4, 16)),
    P("transfers", "Guide and escort", "Услуги гида-сопровождающего", "hour", 45, (4, 24)),
    P("insurance", "Travel insurance, Europe", "Страховка выезжающих за рубеж, Европа", "policy",
      18, vat=0),
    P("insurance", "Travel insurance, worldwide", "Страховка выезжающих за рубеж, весь мир",
      "policy", 32, vat=0),
    P("insurance", "Trip cancellation insurance", "Страховка от невыезда", "policy", 24, vat=0),
    P("visas", "Schengen visa support", "Визовая поддержка, шенген", "person", 90),
    P("visas", "US visa support", "Визовая поддержка, США", "person", 150),
    P("visas", "China visa support", "Визовая поддержка, Китай", "person", 110),
    P("visas", "Document translation", "Перевод документов", "page", 35, (5, 40)),
    P("services", "Travel consultation", "Консультация тревел-эксперта", "hour", 70, (1, 6)),
    P("services", "Group booking fee", "Сервисный сбор за групповое бронирование", "service", 150),
    P("services", "Corporate loyalty programme setup",
      "Подключение корпоративной программы лояльности", "service", 400, active=False),
    P("services", "Printed travel pack", "Печать и доставка дорожных документов", "person", 20,
      active=False),
)


def product_codes() -> tuple[str, ...]:
    """The code of every product, in price-list order: TR-001, TR-002, ... SV-004."""
    counters: dict[str, int] = {}
    codes = []
    for product in PRODUCTS:
        counters[product.group] = counters.get(product.group, 0) + 1
        codes.append(f"{GROUPS[product.group][0]}-{counters[product.group]:03d}")
    return tuple(codes)


def group_label(group: str, locale: str) -> str:
    """The product group's name in the locale."""
    _prefix, english, russian = GROUPS[group]
    return russian if locale == "ru" else english


def product_rows(locale: str) -> list[dict[str, object]]:
    """The price list as rows keyed by the products table's columns."""
    return [{"code": code, "name": product.name(locale),
             "group": group_label(product.group, locale),
             "unit": UNITS[product.unit][1 if locale == "ru" else 0],
             "price": product.price(locale), "vat_rate": Decimal(product.vat),
             "active": product.active}
            for code, product in zip(product_codes(), PRODUCTS, strict=True)]

"""Lead distribution: rules, the managers' own regions and industries, round robin by load."""

from __future__ import annotations

import random

from crm_office.sync.assign import Assignment, AssignmentRule, assign_leads


def lead(client_id: str, region: str = "", industry: str = "", status: str = "lead",
         manager: str | None = None) -> dict[str, object]:
    return {"id": client_id, "region": region, "industry": industry, "status": status,
            "manager": manager}


def manager(name: str, regions: str = "", industries: str = "", max_clients: int | None = None,
            active: bool | None = True) -> dict[str, object]:
    return {"name": name, "regions": regions, "industries": industries,
            "max_clients": max_clients, "active": active}


def owned(name: str, count: int) -> list[dict[str, object]]:
    """Clients a manager already has."""
    return [lead(f"C-{name}-{i}", status="active", manager=name) for i in range(count)]


def by_client(assignments: list[Assignment]) -> dict[str, tuple[str, str]]:
    return {a.client_id: (a.manager, a.reason) for a in assignments}


TEAM = [manager("Anna"), manager("Boris"), manager("Clara")]


def test_region_rule() -> None:
    rules = [AssignmentRule("Boris", regions=("Kazan", "Samara"))]
    result = assign_leads([lead("C-1", region=" kazan ")], TEAM, rules)
    assert result == [Assignment("C-1", "Boris", "region kazan")]


def test_industry_rule_and_rule_order() -> None:
    rules = [AssignmentRule("Clara", industries=("retail",)),
             AssignmentRule("Boris", regions=("Kazan",), industries=("Retail",))]
    result = assign_leads([lead("C-1", region="Kazan", industry="Retail")], TEAM, rules)
    assert result == [Assignment("C-1", "Clara", "industry Retail")]


def test_managers_own_regions_and_industries_columns() -> None:
    team = [manager("Anna", regions="Omsk, Tomsk"), manager("Boris", industries="retail; IT"),
            manager("Clara")]
    clients = [lead("C-1", region="Tomsk"), lead("C-2", industry="it"),
               lead("C-3", region="Perm", industry="farming")]
    assert by_client(assign_leads(clients, team, [])) == {
        "C-1": ("Anna", "manager's region Tomsk"),
        "C-2": ("Boris", "manager's industry it"),
        "C-3": ("Clara", "round robin (load 0)"),
    }


def test_rule_before_managers_own_columns() -> None:
    team = [manager("Anna", regions="Omsk"), manager("Boris")]
    result = assign_leads([lead("C-1", region="Omsk")], team, [AssignmentRule("Boris", ("omsk",))])
    assert result == [Assignment("C-1", "Boris", "region Omsk")]


def test_round_robin_balances_by_load() -> None:
    team = [manager("Anna", max_clients=10), manager("Boris", max_clients=10),
            manager("Clara", max_clients=20)]
    clients = owned("Anna", 5) + owned("Boris", 2) + owned("Clara", 4)
    leads = [lead(f"C-{i}") for i in range(10)]
    result = assign_leads(clients + leads, team, [])
    sequence = [(a.manager, a.reason) for a in result]
    assert sequence == [  # load ratios before each pick: Anna / Boris / Clara
        ("Boris", "round robin (load 2 of 10)"),   # .5 / .2 / .2  tie: by name
        ("Clara", "round robin (load 4 of 20)"),   # .5 / .3 / .2
        ("Clara", "round robin (load 5 of 20)"),   # .5 / .3 / .25
        ("Boris", "round robin (load 3 of 10)"),   # .5 / .3 / .3  tie: by name
        ("Clara", "round robin (load 6 of 20)"),   # .5 / .4 / .3
        ("Clara", "round robin (load 7 of 20)"),   # .5 / .4 / .35
        ("Boris", "round robin (load 4 of 10)"),   # .5 / .4 / .4  tie: by name
        ("Clara", "round robin (load 8 of 20)"),   # .5 / .5 / .4
        ("Clara", "round robin (load 9 of 20)"),   # .5 / .5 / .45
        ("Anna", "round robin (load 5 of 10)"),    # .5 / .5 / .5  tie: by name
    ]


def test_full_managers_are_skipped_even_by_rules() -> None:
    team = [manager("Anna", max_clients=2), manager("Boris", max_clients=3)]
    clients = [*owned("Anna", 2), *owned("Boris", 1),
               lead("C-1", region="Omsk"), lead("C-2"), lead("C-3"), lead("C-4")]
    result = assign_leads(clients, team, [AssignmentRule("Anna", ("Omsk",))])
    assert by_client(result) == {
        "C-1": ("Boris", "round robin (load 1 of 3)"),
        "C-2": ("Boris", "round robin (load 2 of 3)"),
    }  # then everyone is full: C-3 and C-4 stay unassigned


def test_inactive_managers_are_skipped() -> None:
    team = [manager("Anna", active=False), manager("Boris", active=None),
            manager("Clara", regions="Omsk", active=False)]
    rules = [AssignmentRule("Anna", regions=("Omsk",))]
    result = assign_leads([lead("C-1", region="Omsk"), lead("C-2")], team, rules)
    assert by_client(result) == {"C-1": ("Boris", "round robin (load 0)"),
                                 "C-2": ("Boris", "round robin (load 1)")}


def test_only_unassigned_leads() -> None:
    clients: list[dict[str, object]] = [lead("C-1", status="active"), lead("C-2", manager="Anna"),
               lead("C-3", manager="  "), lead("C-4", status="Lead"), lead("C-5", status="ЛИД"),
               {"id": None, "status": "lead"}]
    assert [a.client_id for a in assign_leads(clients, TEAM, [])] == ["C-3", "C-4", "C-5"]


def test_deterministic() -> None:
    rnd = random.Random(7)
    regions = ["Москва", "Казань", "Омск", ""]
    team = [manager("Иванов", regions="Москва", max_clients=30),
            manager("Петрова", industries="розница", max_clients=20),
            manager("Сидоров"), manager("Зайцева", max_clients=5)]
    clients = [lead(f"C-{i:06d}", rnd.choice(regions), rnd.choice(["розница", "IT", ""]))
               for i in range(200)]
    rules = [AssignmentRule("Сидоров", regions=("Омск",))]
    first = assign_leads(clients, team, rules)
    assert first == assign_leads([dict(c) for c in clients], [dict(m) for m in team], rules)
    assert len(first) == 200


def test_russian_data() -> None:
    team = [manager("Иванов И.", regions="Москва, Московская область", max_clients=40),
            manager("Петрова А.", industries="Розничная торговля"), manager("Сидоров П.")]
    clients = [*owned("Сидоров П.", 1),
               lead("C-1", region="московская  область", status="лид"),
               lead("C-2", region="Казань", industry="розничная торговля", status="Лид"),
               lead("C-3", region="Орёл", status="лид"),
               lead("C-4", region="Орел", status="лид")]
    rules = [AssignmentRule("Сидоров П.", regions=("Орел",))]
    assert by_client(assign_leads(clients, team, rules)) == {
        "C-1": ("Иванов И.", "manager's region московская  область"),
        "C-2": ("Петрова А.", "manager's industry розничная торговля"),
        "C-3": ("Сидоров П.", "region Орёл"),
        "C-4": ("Сидоров П.", "region Орел"),
    }

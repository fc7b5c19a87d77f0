"""New leads without a manager get one, by the config's rules, else by load."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from crm_office.catalogue import say
from crm_office.config.model import Config
from crm_office.sync.assign import AssignmentRule, assign_leads
from crm_office.sync.plan import FieldChange, TablePlan

log = logging.getLogger(__name__)


def assign_new_leads(config: Config, plans: Mapping[str, TablePlan]) -> list[dict[str, str]]:
    """Assign in the merged clients table; each assignment is a logged change."""
    clients, managers = plans.get("clients"), plans.get("managers")
    if clients is None or managers is None:
        return []
    client_rows = [{**values, "id": record_id} for record_id, values in clients.merged.items()]
    team = [_manager(name, values) for name, values in managers.merged.items()]
    rules = [AssignmentRule(rule.manager, rule.regions, rule.industries)
             for rule in config.sync.assignment]
    done = []
    for assignment in assign_leads(client_rows, team, rules, config.locale):
        merged = clients.merged[assignment.client_id]
        old = merged.get("manager")
        merged["manager"] = assignment.manager
        clients.touched.add(assignment.client_id)
        clients.changes.append(FieldChange(assignment.client_id, "manager", old,
                                           assignment.manager,
                                           say("lead.distribution", config.locale,
                                               reason=assignment.reason)))
        log.info("lead %s assigned to %s (%s)", assignment.client_id, assignment.manager,
                 assignment.reason)
        done.append({"client": assignment.client_id, "manager": assignment.manager,
                     "reason": assignment.reason})
    return done


def _manager(name: str, values: Mapping[str, str | None]) -> dict[str, Any]:
    limit = values.get("max_clients")
    active = values.get("active")
    return {"name": name, "regions": values.get("regions"),
            "industries": values.get("industries"),
            "max_clients": int(limit) if limit else None,
            "active": None if active is None else active == "true"}

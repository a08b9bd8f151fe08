"""A unit roster applied to a breakdown: aliases to roster names, groups to their members. Pure.

A roster (sheet 单位 of the standard workbook: 单位名称 | 别名 | 所属分组) often lists only some
units — the members of a few groups, say. Applying it never drops a unit: a unit the roster
does not know keeps its name, and :func:`not_in_roster` lists such units for a warning.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from govtasks.breakdown.units import UnitResolver, is_group
from govtasks.model import Breakdown, RosterUnit


def apply_roster(bd: Breakdown, roster: Sequence[RosterUnit]) -> Breakdown:
    """``bd`` with every task's units resolved through ``roster`` (aliases merged, groups expanded)."""
    if not roster:
        return bd
    resolver = UnitResolver(roster)
    tasks = []
    for task in bd.tasks:
        lead = resolver.resolve(task.lead)
        coop = tuple(u for u in resolver.resolve(task.coop) if u not in lead)
        tasks.append(task if (lead, coop) == (task.lead, task.coop) else replace(task, lead=lead, coop=coop))
    known = {u.name for u in roster}
    extra = tuple(dict.fromkeys(u for u in bd.roster if u.name not in known))
    return bd.replace(tasks=tuple(tasks), roster=tuple(roster) + extra)


def not_in_roster(bd: Breakdown, roster: Sequence[RosterUnit]) -> list[str]:
    """The units of ``bd`` (groups aside) that ``roster`` names neither as a unit nor as an alias."""
    resolver = UnitResolver(roster)
    return [u for u in bd.units if not is_group(u) and not resolver.known(u)] if roster else []

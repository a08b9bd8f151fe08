"""Who has returned: every unit's return status (填报情况) and the missing-return issues. Pure."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from govtasks import issues as codes
from govtasks.issues import Issue, Severity
from govtasks.model import Breakdown, unit_tasks
from govtasks.returns.model import ReturnFile, Returns, UnitReturn


def missing_returns(breakdown: Breakdown, files: Iterable[ReturnFile]) -> list[Issue]:
    """A missing-return issue for every unit with tasks and no file in use (ERROR when it leads a task)."""
    returned = {f.unit for f in files if f.state == "ok"}
    out = []
    for unit, (led, coop) in unit_tasks(breakdown).items():
        if unit not in returned:
            out.append(Issue(code=codes.MISSING_RETURN, severity=Severity.ERROR if led else Severity.WARNING, unit=unit,
                             message=f"{unit}未报送（牵头任务 {len(led)} 项、配合任务 {len(coop)} 项）；请催报"))
    return out


def return_status(breakdown: Breakdown, returns: Returns) -> tuple[UnitReturn, ...]:
    """Every unit of the breakdown (then any other unit that returned): returned or not, file, time, counts."""
    in_use = {f.unit: f for f in returns.files if f.state == "ok" and f.unit}
    others: dict[str, list[str]] = defaultdict(list)
    for f in returns.files:
        if f.unit and f.state != "ok":
            others[f.unit].append(f.file)
    answered: dict[str, set[str]] = defaultdict(set)
    for entry in returns.entries:
        if entry.task_id and not entry.is_empty:
            answered[entry.unit].add(entry.task_id)
    index = unit_tasks(breakdown)
    out = []
    for unit in list(index) + [u for u in in_use if u not in index]:
        led, coop = index.get(unit, ((), ()))
        ids = {t.id for t in led + coop}
        used = in_use.get(unit)
        out.append(UnitReturn(unit=unit, lead_tasks=len(led), coop_tasks=len(coop),
                              file=used.file if used else "", time=used.time if used else None,
                              answered=len(answered[unit] & ids) if ids else len(answered[unit]),
                              other_files=tuple(others.get(unit, ()))))
    return tuple(out)

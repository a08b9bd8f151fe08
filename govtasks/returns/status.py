"""Who has returned: every unit's return status (填报情况) and the missing-return issues. Pure."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Iterable

from govtasks import issues as codes
from govtasks.breakdown.deadlines import parse_deadline
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


def on_time(when: dt.datetime | None, due: dt.date | None) -> bool | None:
    """Whether a file saved at ``when`` came by the due date (any time on that day counts); None
    when either is unknown."""
    if when is None or due is None:
        return None
    return when.date() <= due


def parse_due(text: str, year: int | None) -> dt.date:
    """A due date as a clerk writes it: 2024-06-25, 2024年6月25日, 6月25日 (``year`` fills in).

    Raises:
        ValueError: with a Chinese message naming the accepted forms.
    """
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    deadline = parse_deadline(text, year)
    if deadline.due is None or not re.search(r"\d\s*[日号]|\d{4}-\d{1,2}-\d{1,2}", text):
        raise ValueError(f"无法识别的报送截止日期“{text}”；请写成 2024-06-25、2024年6月25日 或 6月25日")
    return deadline.due


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
                              other_files=tuple(others.get(unit, ())),
                              on_time=on_time(used.time, returns.due) if used else None))
    return tuple(out)

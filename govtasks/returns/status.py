"""Who has returned: every unit's return status (填报情况) and the missing-return issues. Pure.

In two rounds only the units with tasks in the round are expected: in round one the units
that cooperate on a task, in round two the lead units; their counts are the round's tasks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Iterable

from govtasks import issues as codes
from govtasks.breakdown.deadlines import parse_deadline
from govtasks.forms.rounds import COOP, ROUND_LABELS, parse_round, round_tasks
from govtasks.issues import Issue, Severity
from govtasks.model import Breakdown, Task, unit_tasks
from govtasks.periods import Period
from govtasks.returns.model import ReturnFile, Returns, UnitReturn


def expected_units(breakdown: Breakdown, rnd: str | None) -> dict[str, tuple[tuple[Task, ...], tuple[Task, ...]]]:
    """Unit → (led, cooperating) tasks it answers in the round, for every unit with tasks in it."""
    out = {}
    for unit, (led, coop) in unit_tasks(breakdown).items():
        mine = round_tasks(rnd, led, coop)
        if mine[0] or mine[1]:
            out[unit] = (tuple(mine[0]), tuple(mine[1]))
    return out


def period_year_issue(breakdown: Breakdown, period: Period | None) -> list[Issue]:
    """A warning when the period is of another year than the breakdown (a mistyped --period)."""
    if period is None or not breakdown.year or period.year == breakdown.year:
        return []
    return [Issue(code=codes.PERIOD_YEAR, severity=Severity.WARNING,
                  message=f"报告期“{period.label}”不在任务分解的年度（{breakdown.year}年）内；请核对期间（--period）是否写错")]


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


def missing_returns(breakdown: Breakdown, files: Iterable[ReturnFile], rnd: str | None = None) -> list[Issue]:
    """A missing-return issue for every unit with tasks (in the round) and no file in use (ERROR when it leads a task)."""
    returned = {f.unit for f in files if f.state == "ok" and _counts(f, rnd)}
    which = f"{ROUND_LABELS[rnd]}的报表" if rnd else ""
    out = []
    for unit, (led, coop) in expected_units(breakdown, rnd).items():
        if unit not in returned:
            out.append(Issue(code=codes.MISSING_RETURN, severity=Severity.ERROR if led else Severity.WARNING, unit=unit,
                             message=f"{unit}未报送{which}（牵头任务 {len(led)} 项、配合任务 {len(coop)} 项）；请催报"))
    return out


def _counts(f: ReturnFile, rnd: str | None) -> bool:
    """Whether a file answers for the round: a round-one form only in round one; in round one a form of round two does not."""
    if rnd == COOP:
        return f.round in (COOP, "")
    return rnd is None or f.round != COOP


def return_status(breakdown: Breakdown, returns: Returns) -> tuple[UnitReturn, ...]:
    """Every unit expected in the round (then any other unit that returned): returned or not, file, time, counts.

    A round-one form sent to the office in round two does not count as the unit's return; it is
    listed in ``UnitReturn.feedback_files``.
    """
    rnd = parse_round(returns.round)
    in_use: dict[str, ReturnFile] = {}
    feedback: dict[str, list[str]] = defaultdict(list)
    others: dict[str, list[str]] = defaultdict(list)
    for f in returns.files:
        if f.unit and f.state != "ok":
            others[f.unit].append(f.file)
        elif f.unit and _counts(f, rnd):
            in_use.setdefault(f.unit, f)
        elif f.unit:
            feedback[f.unit].append(f.file)
    answered: dict[str, set[str]] = defaultdict(set)
    for entry in returns.entries:
        if entry.task_id and not entry.is_empty and entry.via is None:
            answered[entry.unit].add(entry.task_id)
    index, full = expected_units(breakdown, rnd), unit_tasks(breakdown)
    out = []
    for unit in dict.fromkeys([*index, *in_use, *feedback]):
        led, coop = index.get(unit) or full.get(unit, ((), ()))
        ids = {t.id for t in led + coop}
        used = in_use.get(unit)
        out.append(UnitReturn(unit=unit, lead_tasks=len(led), coop_tasks=len(coop),
                              file=used.file if used else "", time=used.time if used else None,
                              answered=len(answered[unit] & ids) if ids else len(answered[unit]),
                              other_files=tuple(others.get(unit, ())), feedback_files=tuple(feedback.get(unit, ())),
                              on_time=on_time(used.time, returns.due) if used else None))
    return tuple(out)

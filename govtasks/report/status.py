"""One status and one light per task, each with its reason in Chinese. Pure: no I/O.

For every lead unit of a task (docs/status.md):

1. its 完成状态, mapped onto 已完成 / 序时推进 / 滞后 / 未启动 through the rules' synonyms
   (基本完成 → 序时推进 …); an unknown word is reported (``status-unknown``) and the text decides;
2. with no usable 完成状态, the words of its 进展情况 (滞后用语, then 未启动用语, then 完成用语
   in its last sentence without 推进用语 anywhere; otherwise 序时推进); no status and no text: 未报送;
3. its light: 已完成 绿; 序时推进 绿; 滞后 and 未启动 黄 (rules); a share stated in the text
   (“完成年度目标的52%”) against 序时进度: 10 or more points behind 黄, more than 30 红; the
   deadline against the period's end: passed and not done 红, within ``warn_days`` 黄.

The task's status is the worst of its lead units that reported (未报送 when none did), its
light the worst of their lights; 黄 in this period and the previous one is 红.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from govtasks import issues as codes
from govtasks.breakdown.deadlines import parse_deadline
from govtasks.issues import CellRef, Issue, Severity
from govtasks.model import DeadlineKind, Task
from govtasks.periods import Period
from govtasks.report.rules import (
    DONE,
    GREEN,
    LAGGING,
    MISSING,
    NOT_STARTED,
    ON_TRACK,
    RED,
    YELLOW,
    StatusRules,
)
from govtasks.returns.model import Progress

_WORST_FIRST = {NOT_STARTED: 0, LAGGING: 1, ON_TRACK: 2, DONE: 3}
RANK = _WORST_FIRST
"""Status rank, worst (未启动) lowest; a fall in rank from one period to the next is 状态倒退."""
_LIGHT_RANK = {GREEN: 0, YELLOW: 1, RED: 2}
_NUM = r"(\d{1,3}(?:\.\d+)?)\s*[%％]"
_SHARE = re.compile(
    r"(?:形象|总体|整体|工程|总|建设|施工)?进度(?:已)?(?:完成|达到|达|为)?(?:了)?\s*" + _NUM
    + r"|完成(?:了)?(?:年度|全年|年)(?:目标|计划)?(?:任务)?(?:量)?(?:的)?\s*" + _NUM
    + r"|完成率(?:为|达到|达)?\s*" + _NUM)
_MILESTONE_HEADERS = re.compile(r"节点|序时|进度安排|阶段目标|时间安排")
_ITEM_SPLIT = re.compile(r"[；;\n]+")
_SENTENCES = re.compile(r"[。；;！!？?\n]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitStatus:
    """One lead unit's status for one task, and how it was told."""

    unit: str
    status: str
    """已完成 / 序时推进 / 滞后 / 未启动, or 未报送."""
    written: str = ""
    """完成状态 as the unit wrote it."""
    basis: str = ""
    """What decided: ``"完成状态"``, ``"进展情况"`` (its words) or ``""`` (未报送)."""
    word: str = ""
    """The synonym or the text's word that decided (``"基本完成"``, ``"已投产"``)."""
    share: float | None = None
    """A completion share the text states (0–100), when it states one."""
    light: str = ""
    """绿 / 黄 / 红; ``""`` for 未报送."""
    reason: str = ""
    source: CellRef | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskStatus:
    """A task's status and light with the reason; its lead units' statuses in breakdown order."""

    task_id: str
    status: str
    """The worst status of the lead units that reported; 未报送 when none did."""
    light: str
    """绿 / 黄 / 红; ``""`` when 未报送 (kept apart from the lights)."""
    reason: str
    units: tuple[UnitStatus, ...] = ()
    deadline: str = ""
    """完成时限 as written."""
    due: dt.date | None = None
    """The due date the deadline rules used (None: no deadline, 持续推进, or no period)."""
    expected: float | None = None
    """序时进度 (0–1) at the period's end: months elapsed ÷ 12, or the task's own milestones."""
    previous_light: str = ""
    """The task's light in the previous period, when an earlier report was given."""
    yellow_twice: bool = False
    """黄 in this period (before the rule 连续黄灯转红) and in the previous one."""

    @property
    def printed(self) -> str:
        """The printed 完成状态: the status, or one 【单位】状态 line per lead unit when they differ."""
        if len(self.units) <= 1 or len({u.status for u in self.units}) == 1:
            return self.status
        return "\n".join(f"【{u.unit}】{u.status}" for u in self.units)


@dataclass(frozen=True, slots=True)
class _Context:
    rules: StatusRules
    period: Period | None
    year: int | None


def task_statuses(tasks: Sequence[Task], answers: dict[str, list[Progress]], *, rules: StatusRules,
                  period: str, year: int | None, previous: dict[str, str] | None = None,
                  ) -> tuple[tuple[TaskStatus, ...], list[Issue]]:
    """Every task's status (in task order) and the issues found (unknown 完成状态 words).

    Args:
        tasks: the breakdown's tasks.
        answers: task ID → the answers of the units for it (any unit; only lead units count).
        rules: the rules table.
        period: the report's period code (``""``: no deadline or 序时 rules).
        year: the breakdown's year (fills deadlines without one).
        previous: task ID → the task's light in the previous period (for 黄 twice).
    """
    ctx = _Context(rules, Period.parse(period) if period else None, year or (Period.parse(period).year if period else None))
    out: list[TaskStatus] = []
    issues: list[Issue] = []
    before = previous or {}
    for task in tasks:
        found = answers.get(task.id, ())
        plan = expected_share(task, ctx)
        units = [_unit_status(task, [e for e in found if e.unit == unit], unit, ctx, issues, plan) for unit in task.lead]
        out.append(_combine(task, units, ctx, before.get(task.id, ""), plan[0]))
    return tuple(out), issues


# --- one unit --------------------------------------------------------------------------------

def _unit_status(task: Task, entries: list[Progress], unit: str, ctx: _Context, issues: list[Issue],
                 plan: tuple[float | None, str]) -> UnitStatus:
    written = "；".join(dict.fromkeys(e.status.strip() for e in entries if e.status.strip()))
    text = "\n".join(dict.fromkeys(e.progress for e in entries if e.progress))
    source = next((e.source for e in entries if e.source is not None), None)
    if not written and not text:
        return UnitStatus(unit=unit, status=MISSING, reason=f"【{unit}】未报送", source=source)
    status, basis, word = _stated(written, ctx.rules)
    if status is None:
        if written:
            issues.append(_unknown(task, unit, written, source))
        status, word = text_status(text, ctx.rules)
        basis = "进展情况"
    share = stated_share(text)
    light, reason = unit_light(status, _said(status, basis, written, word), share, task, ctx, plan)
    return UnitStatus(unit=unit, status=status, written=written, basis=basis, word=word, share=share,
                      light=light, reason=reason, source=source)


def _stated(written: str, rules: StatusRules) -> tuple[str | None, str, str]:
    """The class of the written 完成状态 (the worst, when two rows gave two words)."""
    if not written:
        return None, "", ""
    classes = [(rules.status_of(w), w) for w in written.split("；")]
    known = [(c, w) for c, w in classes if c is not None]
    if not known or len(known) < len(classes):
        return None, "", ""
    cls, word = min(known, key=lambda cw: _WORST_FIRST[cw[0]])
    return cls, "完成状态", word


def _unknown(task: Task, unit: str, written: str, source: CellRef | None) -> Issue:
    return Issue(code=codes.STATUS_UNKNOWN, severity=Severity.WARNING, where=source, unit=unit, task_id=task.id,
                 message=f"{unit}第{task.number or task.id}项的完成状态“{written}”不能归入已完成/序时推进/滞后/未启动，"
                         f"已按进展情况的文字判断；请核实，或在亮灯规则的“完成状态同义词”中注明它的归类")


def text_status(text: str, rules: StatusRules) -> tuple[str, str]:
    """(status, deciding word) of a progress text without a 完成状态 (docs/status.md, 文字判断)."""
    lag = _first(text, rules.lagging_words)
    if lag:
        return LAGGING, lag
    not_started = _first(text, rules.not_started_words)
    bare = _blank(text, rules.not_started_words) if not_started else text  # 尚未启动 is not 尚未 (goes on)
    done = _first(_last_sentence(bare), rules.done_words)
    still = _first(bare, rules.open_words)
    if not_started and not done and not still:
        return NOT_STARTED, not_started
    if done and not still and not not_started:
        return DONE, done
    return ON_TRACK, still or ""


def _blank(text: str, words: Iterable[str]) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, "　")
    return text


def _last_sentence(text: str) -> str:
    """The text's last sentence or clause (after the last 。；; or line break): where a text says it is done."""
    parts = [p for p in _SENTENCES.split(text) if p.strip()]
    return parts[-1] if parts else ""


def _first(text: str, words: Iterable[str]) -> str:
    """The word of ``words`` that occurs first in ``text`` ("" when none does)."""
    best, at = "", len(text) + 1
    for w in words:
        i = text.find(w)
        if 0 <= i < at or (i == at and len(w) > len(best)):
            best, at = w, i
    return best


def stated_share(text: str) -> float | None:
    """The lowest completion share the text states ("总进度完成98%", "完成年度目标任务的52%"); None when none."""
    if "%" not in text and "％" not in text:
        return None
    values = [float(next(g for g in m.groups() if g)) for m in _SHARE.finditer(text)]
    return min(values) if values else None


# --- lights ----------------------------------------------------------------------------------

def _said(status: str, basis: str, written: str, word: str) -> str:
    """How the status was told, for the reason."""
    if basis == "完成状态":
        return f"报“{written}”" + (f"（按“{status}”计）" if written != status else "")
    if word and status != ON_TRACK:
        return f"未填完成状态，进展情况写有“{word}”，按“{status}”计"
    return "未填完成状态，进展情况未写完成或滞后，按“序时推进”计"


def unit_light(status: str, said: str, share: float | None, task: Task, ctx: _Context,
               expected_plan: tuple[float | None, str]) -> tuple[str, str]:
    """The light of one unit's status for a task, and why.

    Args:
        status: the unit's status; ``said``: how it was told (the reason's start).
        share: the completion share its text states, if any.
        expected_plan: 序时进度 and how it was told (:func:`expected_share`).
    """
    if status == DONE:
        return GREEN, said
    expected, plan = expected_plan
    rules, found = ctx.rules, [(GREEN, said)]
    if status == LAGGING:
        found.append((rules.lagging_light, said))
    elif status == NOT_STARTED:
        found = [(GREEN, f"{said}，{plan}")] if expected == 0 else [(rules.not_started_light, said)]
    if share is not None and expected is not None:
        found.append(_gap_light(share, expected, rules))
    due = due_date(task, ctx)
    if due is not None and ctx.period is not None:
        found.append(_deadline_light(task, due, ctx.period.end, said, rules))
    worst = max(_LIGHT_RANK[light] for light, _ in found)
    reasons = list(dict.fromkeys(r for light, r in found if _LIGHT_RANK[light] == worst and r))
    if worst and said in reasons and len(reasons) > 1:
        reasons.remove(said)
    return (GREEN, YELLOW, RED)[worst], "；".join(reasons)


def _gap_light(share: float, expected: float, rules: StatusRules) -> tuple[str, str]:
    target = round(expected * 100, 1)
    gap = round(target - share, 1)
    text = f"自报完成{share:g}%，序时进度{target:g}%"
    if gap > rules.red_behind:
        return RED, f"{text}，落后{gap:g}个百分点（超过{rules.red_behind:g}个）"
    if gap >= rules.yellow_behind:
        return YELLOW, f"{text}，落后{gap:g}个百分点（{rules.yellow_behind:g}个及以上）"
    return GREEN, ""


def _deadline_light(task: Task, due: dt.date, end: dt.date, said: str, rules: StatusRules) -> tuple[str, str]:
    limit = task.deadline.text or f"年底（{due.year}年12月31日）"
    if due <= end:
        still = said if said.startswith("报") else f"未完成（{said}）"
        return RED, f"完成时限{limit}已过，仍{still}"
    days = (due - end).days
    if days <= rules.warn_days:
        return YELLOW, f"距完成时限{limit}仅{days}天（不足{rules.warn_days}天），尚未完成"
    return GREEN, ""


def due_date(task: Task, ctx: _Context) -> dt.date | None:
    """The due date the deadline rules use: the deadline's, else the year's end (rules), else None."""
    if task.deadline.due is not None:
        return task.deadline.due
    if task.deadline.kind is DeadlineKind.NONE and ctx.rules.undated_year_end and ctx.year:
        return dt.date(ctx.year, 12, 31)
    return None


def expected_share(task: Task, ctx: _Context) -> tuple[float | None, str]:
    """序时进度 at the period's end (0–1) and how it was told: the task's milestones, else months ÷ 12."""
    if ctx.period is None:
        return None, ""
    plan = milestones(task, ctx.year)
    if plan:
        reached = [share for due, share in plan if due <= ctx.period.end]
        if not reached:
            return 0.0, f"未到第一个时间节点（{plan[0][0].month}月{plan[0][0].day}日）"
        return max(reached), "按任务的时间节点"
    return ctx.period.elapsed_share(), ""


def milestones(task: Task, year: int | None) -> list[tuple[dt.date, float]]:
    """(due date, share 0–1) of the task's milestones, from a column such as 时间节点 / 序时进度; [] when none."""
    if not task.extra:
        return []
    text = next((v for k, v in task.extra if _MILESTONE_HEADERS.search(k) and v.strip()), "")
    items = [i.strip() for i in _ITEM_SPLIT.split(text) if i.strip()]
    if len(items) == 1:
        items = [i.strip() for i in items[0].split("，") if i.strip()]
    dated = [(d.due, item) for item in items if (d := parse_deadline(item, year)).due is not None]
    out = []
    for n, (due, item) in enumerate(dated, start=1):
        share = re.search(_NUM, item)
        out.append((due, float(share.group(1)) / 100 if share else n / len(dated)))
    return sorted(out)


# --- one task --------------------------------------------------------------------------------

def _combine(task: Task, units: list[UnitStatus], ctx: _Context, previous_light: str,
             expected: float | None) -> TaskStatus:
    due = due_date(task, ctx) if ctx.period is not None else None
    reported = [u for u in units if u.status != MISSING]
    missing = [u for u in units if u.status == MISSING]
    if not reported:
        names = "、".join(f"【{u.unit}】" for u in units) or "（无牵头单位）"
        return TaskStatus(task_id=task.id, status=MISSING, light="", reason=f"牵头单位{names}未报送", units=tuple(units),
                          deadline=task.deadline.text, due=due, expected=expected, previous_light=previous_light)
    status = min((u.status for u in reported), key=_WORST_FIRST.__getitem__)
    light = max((u.light for u in reported), key=_LIGHT_RANK.__getitem__)
    several = len(units) > 1
    reasons = [f"【{u.unit}】{u.reason}" if several else u.reason for u in reported if u.light == light]
    twice = light == YELLOW and previous_light == YELLOW
    if twice and ctx.rules.yellow_twice_red:
        light = RED
        reasons.insert(0, "连续两期黄灯（上期亦为黄灯）")
    reasons += [u.reason for u in missing]
    return TaskStatus(task_id=task.id, status=status, light=light, reason="；".join(reasons), units=tuple(units),
                      deadline=task.deadline.text, due=due, expected=expected, previous_light=previous_light,
                      yellow_twice=twice)

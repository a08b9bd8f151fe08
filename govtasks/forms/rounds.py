"""Two rounds of collection: cooperating units report to the lead unit, the lead unit to the office.

广丰 (seed 003) works this way: 责任单位 send their part to the task's 牵头单位 by 6月15日; the
牵头单位 send one answer to the office by 6月25日, "须综合责任单位情况". Pure: no I/O.

* Round ``"coop"`` (配合单位报牵头单位): one form per unit that cooperates on a task, listing
  only those tasks; the form says to whom (each task's lead units) and by when.
* Round ``"lead"`` (牵头单位综合报送): one form per lead unit listing the tasks it leads, each
  pre-filled with its cooperating units' round-one answers (:class:`Feedback`), shown in a
  read-only 配合单位反馈 column (``task.coop_feedback``) and on a protected sheet 配合单位反馈
  that also names the cell each answer came from (:mod:`govtasks.forms.feedback`).
* ``None``: one round, everyone answers everything (the default).

The round is part of a form's identity: ``_meta`` carries 轮次 (:data:`ROUND_LABELS`),
报送对象 and 报送时限, and the file name says which round it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from govtasks.errors import GovtasksError
from govtasks.issues import CellRef
from govtasks.model import Breakdown, Task

if TYPE_CHECKING:
    from govtasks.returns.model import Progress, Returns

COOP = "coop"
LEAD = "lead"
ROUND_LABELS = {COOP: "配合单位报牵头单位", LEAD: "牵头单位综合报送"}
"""轮次 as written in a form's ``_meta`` sheet and title."""
FORM_NAMES = {None: "重点工作进展情况表", COOP: "配合任务进展情况表", LEAD: "牵头任务进展情况表"}
"""The last part of a form's file name, per round."""
_SPELLINGS = {"": None, "one": None, "single": None, "单轮": None, "一轮": None,
              COOP: COOP, "1": COOP, "配合": COOP, "第一轮": COOP, ROUND_LABELS[COOP]: COOP,
              LEAD: LEAD, "2": LEAD, "牵头": LEAD, "第二轮": LEAD, ROUND_LABELS[LEAD]: LEAD}
_ENDS = ("。", "！", "？", "；", ";", "!", "?")
_BLOCK = re.compile(r"^【([^】\n]{1,40})】", re.M)


def parse_round(value: str | None) -> str | None:
    """``"coop"``, ``"lead"`` or None (one round) from a code or a Chinese name.

    Raises:
        GovtasksError: an unknown round (the message lists the accepted ones).
    """
    key = (value or "").strip()
    if key in _SPELLINGS or key.lower() in _SPELLINGS:
        return _SPELLINGS.get(key, _SPELLINGS.get(key.lower()))
    raise GovtasksError(f"无法识别的轮次“{value}”：请写 coop（配合单位报牵头单位）、lead（牵头单位综合报送）或 one（一轮）")


def round_of_label(text: str) -> str | None:
    """The round a form's 轮次 text (or a title holding it) names; None when it names none."""
    for code, label in ROUND_LABELS.items():
        if label in text:
            return code
    return None


def round_tasks(rnd: str | None, led: Sequence[Task], coop: Sequence[Task]) -> tuple[Sequence[Task], Sequence[Task]]:
    """The (led, cooperating) tasks a unit's form lists in a round."""
    if rnd == COOP:
        return (), coop
    if rnd == LEAD:
        return led, ()
    return led, coop


@dataclass(frozen=True, slots=True, kw_only=True)
class Feedback:
    """One cooperating unit's round-one answer for one task, as shown to the lead unit."""

    task_id: str
    unit: str
    status: str = ""
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    note: str = ""
    source: CellRef | None = field(default=None, compare=False)
    """The cell of the round-one return it came from."""

    def text(self) -> str:
        """The answer in one text: 进展情况 first, the other columns labelled after it
        (``…2个。完成状态：序时推进；存在问题：…``)."""
        parts = [self.progress] if self.progress else []
        parts += [f"{label}：{text}" for label, text in (("完成状态", self.status), ("存在问题", self.problems),
                                                        ("下步计划", self.next_steps), ("备注", self.note)) if text]
        out = ""
        for part in parts:
            out += ("" if not out or out.endswith(_ENDS) else "；") + part
        return out


def feedback_map(source: Returns | Iterable[Progress] | Mapping[str, Sequence[Feedback]] | None,
                 bd: Breakdown) -> dict[str, tuple[Feedback, ...]]:
    """Task ID → its cooperating units' answers, from round-one returns (``read_returns(…, round="coop")``),
    their entries, or a mapping already built; units in the order the breakdown lists them."""
    if source is None:
        return {}
    if isinstance(source, Mapping):
        return {tid: tuple(items) for tid, items in source.items()}
    entries: Iterable[Any] = source.entries if hasattr(source, "entries") else source  # Returns, or its entries
    tasks = {t.id: t for t in bd.tasks}
    out: dict[str, list[Feedback]] = {}
    for p in entries:
        task = tasks.get(p.task_id)
        if task is None or p.unit in task.lead or p.is_empty or getattr(p, "via", None) is not None:
            continue
        extra = "；".join(f"{label}：{text}" for label, text in p.extra)
        out.setdefault(task.id, []).append(Feedback(
            task_id=task.id, unit=p.unit, status=p.status, progress=p.progress, problems=p.problems,
            next_steps=p.next_steps, note="；".join(x for x in (p.note, extra) if x), source=p.source))
    order = {t.id: {u: i for i, u in enumerate(t.coop)} for t in bd.tasks}
    return {tid: tuple(sorted(items, key=lambda f: order[tid].get(f.unit, len(order[tid]))))
            for tid, items in out.items()}


def feedback_text(items: Sequence[Feedback]) -> str:
    """The 配合单位反馈 cell: ``【单位】answer``, one unit after another, one per line."""
    return "\n".join(f"【{f.unit}】{f.text()}" for f in items)


def parse_feedback_text(text: str) -> list[tuple[str, str]]:
    """(unit, answer) of a 配合单位反馈 cell written by :func:`feedback_text`; text before the first
    【单位】 is kept with unit ``""``."""
    marks = list(_BLOCK.finditer(text))
    out: list[tuple[str, str]] = []
    head = text[: marks[0].start()].strip() if marks else text.strip()
    if head:
        out.append(("", head))
    for m, nxt in zip(marks, marks[1:] + [None]):
        body = text[m.end(): nxt.start() if nxt else len(text)].strip()
        out.append((m.group(1).strip(), body))
    return out


def send_to(rnd: str | None, coop: Sequence[Task], given: str) -> str:
    """To whom a unit's form goes: ``given``, or in round one the lead units of its tasks."""
    if given or rnd != COOP:
        return given
    return "、".join(dict.fromkeys(u for t in coop for u in t.lead))


def round_vars(rnd: str | None, to: str, by: str) -> dict[str, str]:
    """The ``round`` template variables of one form (all "" for one round)."""
    if rnd is None:
        return {"code": "", "label": "", "send_to": "", "send_by": "", "note": ""}
    when = f"于{by}前" if by else ""
    if rnd == COOP:
        note = (f"本表为第一轮（{ROUND_LABELS[COOP]}）：请{when}将本表报送各任务的牵头单位"
                f"{f'（{to}）' if to else ''}，由牵头单位综合后报送。")
    else:
        where = f"，{when}报送{to}" if when or to else "后报送"
        note = f"本表为第二轮（{ROUND_LABELS[LEAD]}）：“配合单位反馈”为各配合单位报来的情况（只读），请综合后填写{where}。"
    return {"code": rnd, "label": ROUND_LABELS[rnd], "send_to": to, "send_by": by, "note": note}


def meta_pairs(rnd: str | None, to: str, by: str) -> list[tuple[str, str]]:
    """The ``_meta`` rows a round adds after 期间名称 (none for one round)."""
    if rnd is None:
        return []
    return [("轮次", ROUND_LABELS[rnd]), ("报送对象", to), ("报送时限", by)]

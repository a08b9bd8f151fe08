"""Column roles from evidence: which column holds the task, which hold section headings. Pure.

A header's words say what a column may be (:mod:`govtasks.breakdown.labels`); several columns
may claim the task (重点工作 | 具体任务, 工作内容 | 主要任务, 项目 | 重点工作目标任务). Their
content decides, the way a reader decides:

* the task text is long, sentence-like and different on every row;
* a section column has few distinct values, merged or repeated over consecutive rows.

So the rightmost long, distinct candidate is the task, and the candidates to its left are the
section levels, outermost first. Every decision is written down (shown in the import summary
and kept in ``Breakdown.layout.decisions``), and each can be overridden by ``columns=``
(``--columns 任务内容=C,一级标题=B``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from govtasks.model import STANDARD_COLUMNS

ROLE_LABELS = dict(STANDARD_COLUMNS) | {"progress": "进展情况", "section": "章节标题"}
"""Field → the Chinese label that names it (in decisions and in ``columns=``)."""
LABEL_ROLES = {label: fld for fld, label in ROLE_LABELS.items() if fld != "section"}
_SECTIONS = ("section1", "section2", "section3")
_LETTER = re.compile(r"^[A-Za-z]{1,3}$")


@dataclass(frozen=True)
class Roles:
    """Each field's column (0-based), and the decisions behind them in Chinese."""

    columns: dict[str, int]
    decisions: tuple[str, ...] = ()
    extras: tuple[int, ...] = field(default=())
    """Columns with a label but no field (kept as the tasks' other columns)."""


def letter(col: int) -> str:
    """0-based column index → Excel letters."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(text: str) -> int:
    """Excel letters (B, AA) or a 1-based number → 0-based column index; ValueError otherwise."""
    text = text.strip()
    if text.isdecimal() and int(text) > 0:
        return int(text) - 1
    if not _LETTER.match(text):
        raise ValueError(text)
    col = 0
    for ch in text.upper():
        col = col * 26 + ord(ch) - 64
    return col - 1


def parse_overrides(spec: str | Mapping[str, str | int] | None) -> dict[str, int]:
    """``任务内容=C,一级标题=B`` (or a mapping) → field → 0-based column.

    Raises:
        ValueError: with a Chinese message naming what is wrong and the accepted labels.
    """
    if not spec:
        return {}
    pairs = spec.items() if isinstance(spec, Mapping) else (p.split("=", 1) for p in re.split(r"[,，;；]", spec) if p.strip())
    out: dict[str, int] = {}
    for pair in pairs:
        if isinstance(pair, list) and len(pair) != 2:
            raise ValueError(f"--columns 的“{'='.join(pair)}”应写成 标签=列，如“任务内容=C”")
        label, where = (str(x).strip() for x in pair)
        fld = LABEL_ROLES.get(label)
        if fld is None:
            raise ValueError(f"--columns 中的“{label}”不是可指定的列；可用：{'、'.join(LABEL_ROLES)}")
        try:
            out[fld] = where if isinstance(where, int) else column_index(where)
        except ValueError:
            raise ValueError(f"--columns 中“{label}={where}”的列应写成字母（如 C）或序号（如 3）") from None
    return out


@dataclass(frozen=True)
class _Evidence:
    col: int
    filled: int
    distinct: float
    """Distinct values over filled cells."""
    length: float
    """Mean length of the filled cells."""


def _evidence(col: int, body: Sequence[Sequence[str]]) -> _Evidence:
    values = [row[col].strip() for row in body if col < len(row) and row[col].strip()]
    if not values:
        return _Evidence(col, 0, 0.0, 0.0)
    return _Evidence(col, len(values), len(set(values)) / len(values), sum(map(len, values)) / len(values))


def _is_task_like(e: _Evidence) -> bool:
    return e.filled > 0 and e.distinct >= 0.75 and e.length >= 8


def task_like(col: int, body: Sequence[Sequence[str]]) -> bool:
    """A column whose cells read as tasks: long, and different on (nearly) every row, in at least two rows."""
    e = _evidence(col, body)
    return e.filled >= 2 and _is_task_like(e)


_HEADING_CELL = re.compile(r"^\s*(第[一二三四五六七八九十百]+|[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百]+\s*[）)])")


def _names_each_row(col: int, body: Sequence[Sequence[str]], e: _Evidence) -> bool:
    """A column that names one item on every row (a different value on each of at least three
    rows, none written as a heading): a task's name, never a section level."""
    if e.filled < 3 or e.distinct < 1.0 or e.length < 4:
        return False
    return not any(_HEADING_CELL.match(row[col]) for row in body if col < len(row) and row[col].strip())


def resolve(fields: Mapping[int, str], labels: Mapping[int, str], body: Sequence[Sequence[str]],
            overrides: Mapping[str, int] | None = None, by_content: Sequence[int] = ()) -> Roles:
    """The columns' roles: the header's words, the candidates for task and section decided by
    their content (``body``: the data rows, merged cells filled down), then ``overrides``.
    ``by_content``: columns whose label is no known word, made task candidates by their content."""
    columns: dict[str, int] = {}
    decisions: list[str] = []
    for c, fld in sorted(fields.items()):
        if fld not in ("text", "section"):
            columns.setdefault(fld, c)
    candidates = sorted(c for c, fld in fields.items() if fld in ("text", "section"))
    taken = set(columns.values())
    _tasks_and_sections(candidates, fields, labels, body, columns, decisions, by_content)
    for fld, col in (overrides or {}).items():
        for other in [f for f, c in columns.items() if c == col or f == fld]:
            gone = f"列{letter(columns[other])}“"
            decisions[:] = [d for d in decisions if not d.startswith(gone)]  # the decision it overrides
            del columns[other]
        columns[fld] = col
        decisions.append(f"列{letter(col)}“{labels.get(col, '')}”按指定判为{ROLE_LABELS[fld]}（--columns）")
    taken = set(columns.values())
    extras = tuple(c for c in sorted(labels) if c not in taken)
    return Roles(columns, tuple(decisions), extras)


def _tasks_and_sections(candidates: list[int], fields: Mapping[int, str], labels: Mapping[int, str],
                        body: Sequence[Sequence[str]], columns: dict[str, int], decisions: list[str],
                        by_content: Sequence[int] = ()) -> None:
    """Choose the task column among the candidates; the ones left of it become section levels."""
    if not candidates:
        return
    text_words = [c for c in candidates if fields[c] == "text"]
    if len(candidates) == 1:  # nothing to weigh: no column left of it to be a section level
        task = candidates[0]
        how = "按内容判为任务内容（表头词不在词表中，各行不同的长文本）" if task in by_content else "按表头判为任务内容"
        decisions.append(f"列{letter(task)}“{labels[task]}”{how}")
        columns["text"] = task
        return
    evidence = {c: _evidence(c, body) for c in candidates}
    long = [c for c in candidates if _is_task_like(evidence[c])]
    named = [c for c in candidates if fields[c] == "text" and _names_each_row(c, body, evidence[c])]
    if named and long and min(named) < max(long):  # 民生事项名称 | 年度任务目标: the name is the task
        task = min(named)
        decisions.append(f"列{letter(task)}“{labels[task]}”按内容判为任务内容（每行一项、各不相同，不是标题）")
        for c in long:
            if c > task:
                decisions.append(f"列{letter(c)}“{labels[c]}”作为任务的其他列保留（任务名称在列{letter(task)}）")
    else:
        task = max(long) if long else max(text_words or candidates, key=lambda c: (evidence[c].distinct, evidence[c].length))
        decisions.append(f"列{letter(task)}“{labels[task]}”按内容判为任务内容（各行不同的长文本）")
    columns["text"] = task
    outer = [c for c in candidates if c < task and evidence[c].filled]
    for level, c in zip(_SECTIONS, outer[-3:]):
        columns.setdefault(level, c)
        decisions.append(f"列{letter(c)}“{labels[c]}”按内容判为{ROLE_LABELS[level]}（取值重复或合并单元格）")

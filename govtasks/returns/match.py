"""Matching a returned table to the breakdown: header labels, unit names, task rows. Pure.

Works on :class:`~govtasks.xlsx.Sheet` grids and a :class:`Breakdown`; opens no
file. Rows are matched by task ID; when the ID is missing or damaged (or sits
on a row whose text is plainly another task, as after sorting without the
hidden ID column), by 序号 and task-text similarity — never by position.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Callable

from govtasks._perf import memo
from govtasks.breakdown.labels import SYNONYMS, field_of, norm_label
from govtasks.breakdown.units import UnitResolver, alias_key
from govtasks.model import Breakdown, Task, unit_tasks

RETURN_LABELS: dict[str, tuple[str, ...]] = {
    "id": ("任务编号", "任务id", "任务代码"),
    "number": ("序号", "编号", "项目序号"),
    "text": SYNONYMS["text"],
    "deadline": SYNONYMS["deadline"],
    "lead": SYNONYMS["lead"],
    "coop": SYNONYMS["coop"],
    "role": ("本单位职责", "职责", "本单位角色", "承担方式", "单位职责"),
    "status": ("完成状态", "进展状态", "推进状态", "状态", "完成进度", "进度状态"),
    "progress": ("进展情况", "工作进展", "推进情况", "进展情况及成效", "完成情况", "落实情况", "进展和完成情况",
                 "工作进展情况", "目前进展"),
    "problems": ("存在问题", "存在的问题", "问题", "存在问题及困难", "困难和问题", "存在困难", "存在的困难和问题"),
    "next": ("下步计划", "下一步计划", "下步打算", "下一步工作计划", "下步工作计划", "下步工作打算", "下一步打算"),
    "note": ("备注",),
    "previous": ("上期进展", "上期进展情况"),
    "feedback": ("配合单位反馈", "责任单位反馈", "协办单位反馈", "配合单位意见"),
}
ANSWER_FIELDS = ("status", "progress", "problems", "next", "note")
IDENTITY_FIELDS = ("id", "number", "text")
FIELD_LABELS = {"status": "完成状态", "progress": "进展情况", "problems": "存在问题", "next": "下步计划", "note": "备注",
                "deadline": "完成时限", "lead": "牵头单位", "coop": "责任单位", "role": "本单位职责", "previous": "上期进展",
                "feedback": "配合单位反馈",
                "text": "任务内容", "number": "序号", "id": "任务编号"}
_LOOKUP = {norm_label(label): fld for fld, labels in RETURN_LABELS.items() for label in labels}
_DECORATION = re.compile(r"（[^）]*）|[*＊]")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")
_ID = re.compile(r"^\s*([A-Za-z]*)[-_ ]?0*(\d+)(?:\.0)?\s*$")
_PLACE_PREFIX = ("市", "区", "县", "省")
_PATH_SEP = re.compile(r"\s+/\s+|\s*\n\s*")


@memo(4096)
def label_field(cell: str) -> str | None:
    """The return field a header cell stands for (任务编号, 进展情况 …), or None."""
    if not cell or len(cell) > 20:
        return None
    label = norm_label(cell)
    return _LOOKUP.get(label) or _LOOKUP.get(_DECORATION.sub("", label))


@dataclass(frozen=True, slots=True)
class Header:
    """A return table's header: its row and where each field is."""

    row: int
    """0-based row of the header."""
    fields: dict[str, int]
    """field → 0-based column (first column with that label)."""
    labels: dict[int, str]
    """column → label as written, for every labelled column."""
    last_column: int = field(init=False)
    """The rightmost field column."""
    getter: Callable[[list[str]], tuple[str, ...]] = field(init=False, repr=False, compare=False)
    """The field cells of a row (long enough), in ``fields`` order."""

    def __post_init__(self) -> None:
        cols = list(self.fields.values())
        object.__setattr__(self, "last_column", max(cols, default=-1))
        object.__setattr__(self, "getter", itemgetter(*cols, cols[0]) if cols else lambda row: ())


def _header_at(rows: list[list[str]], r: int) -> Header | None:
    fields: dict[str, int] = {}
    labels: dict[int, str] = {}
    for c, cell in enumerate(rows[r]):
        if cell.strip():
            labels[c] = cell.strip()
            fld = label_field(cell)
            if fld and fld not in fields:
                fields[fld] = c
    found = fields.keys()
    if len(fields) < 2 or not any(f in found for f in ANSWER_FIELDS) or not any(f in found for f in IDENTITY_FIELDS):
        return None
    return Header(r, fields, labels)


def find_header(rows: list[list[str]], *, hint: int | None = None, scan: int = 40) -> Header | None:
    """The header row: the row (within ``scan``) naming the most return fields; ``hint`` is tried first."""
    if hint is not None and 0 <= hint < len(rows):
        found = _header_at(rows, hint)
        if found and {"id", "progress"} <= found.fields.keys():
            return found
    best: Header | None = None
    for r in range(min(scan, len(rows))):
        found = _header_at(rows, r)
        if found and (best is None or len(found.fields) > len(best.fields)):
            best = found
    return best


def norm_text(text: str) -> str:
    """Text for comparison: no whitespace."""
    return _SPACE.sub("", text)


def _bigrams(text: str) -> frozenset[str]:
    t = _NOT_WORD.sub("", text)
    return frozenset(t[i:i + 2] for i in range(len(t) - 1)) if len(t) > 1 else frozenset((t,))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two bigram sets (1.0 = same characters in the same pairs)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass
class Context:
    """What matching needs from the breakdown, computed once per read."""

    breakdown: Breakdown
    tasks: dict[str, Task] = field(default_factory=dict)
    _ids: dict[tuple[str, int], str] = field(default_factory=dict)
    _norm: dict[str, str] = field(default_factory=dict)
    _grams: dict[str, frozenset[str]] = field(default_factory=dict)
    _units: dict[str, str] = field(default_factory=dict)
    _heads: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """First three characters of the unit keys (≥ 3 characters) → their lengths, longest first."""
    _mine: dict[str, tuple[Task, ...]] = field(default_factory=dict)
    sections: set[str] = field(default_factory=set)
    _fingerprint: str = ""
    _expected: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    _is_section: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tasks = {t.id: t for t in self.breakdown.tasks}
        self._mine = {u: led + coop for u, (led, coop) in unit_tasks(self.breakdown).items()}
        for t in self.breakdown.tasks:
            m = _ID.match(t.id)
            if m:
                self._ids.setdefault((m.group(1).upper(), int(m.group(2))), t.id)
            self.sections.update(norm_text(p) for p in t.path)
        self._index_units()

    def _index_units(self) -> None:
        resolver = UnitResolver(self.breakdown.roster)
        spellings = [(u, u) for u in self._mine]
        spellings += [(a, r.name) for r in self.breakdown.roster for a in (r.name, *r.aliases)]
        for spelling, unit in spellings:
            unit = resolver.canonical(unit) if unit not in self._mine else unit
            key = alias_key(spelling)
            self._units.setdefault(key, unit)
            if key.startswith(_PLACE_PREFIX) and len(key) > 3:
                self._units.setdefault(key[1:], unit)
        heads: dict[str, set[int]] = defaultdict(set)
        for k in self._units:
            if len(k) >= 3:
                heads[k[:3]].add(len(k))
        self._heads = {head: tuple(sorted(sizes, reverse=True)) for head, sizes in heads.items()}

    def resolve_unit(self, name: str) -> str | None:
        """The breakdown unit a name as written stands for (alias and place prefix tolerant)."""
        key = alias_key(name.strip())
        return self._units.get(key) or self._units.get(key[1:] if key.startswith(_PLACE_PREFIX) else "")

    def find_unit(self, text: str) -> str | None:
        """The unit named somewhere inside ``text`` (a file name, a title): the longest name found
        (of at least 3 characters; the first of equally long ones)."""
        key = alias_key(text)
        units, heads = self._units, self._heads
        best, best_size, length = None, 0, len(key)
        for start in range(length - 2):  # one lookup of the three characters at each place
            sizes = heads.get(key[start:start + 3])
            if sizes is not None:
                for size in sizes:  # longest first; only a longer name than found so far counts
                    if size <= best_size:
                        break
                    if start + size > length:  # (a slice past the end would be shorter)
                        continue
                    unit = units.get(key[start:start + size])
                    if unit is not None:
                        best, best_size = unit, size
                        break
        return best

    def for_unit(self, unit: str) -> tuple[Task, ...]:
        """The unit's tasks: those it leads, then those it cooperates on (as Breakdown.for_unit)."""
        return self._mine.get(unit, ())

    @property
    def fingerprint(self) -> str:
        """The breakdown's fingerprint (computed once)."""
        if not self._fingerprint:
            from govtasks.breakdown.standard import fingerprint

            self._fingerprint = fingerprint(self.breakdown)
        return self._fingerprint

    def task_id(self, raw: str) -> tuple[str | None, bool]:
        """(task ID, exact) for a 任务编号 cell: ``t1``/``T01``/``1.0`` style damage is repaired."""
        raw = raw.strip()
        if raw in self.tasks:
            return raw, True
        m = _ID.match(raw)
        if not m:
            return None, False
        found = self._ids.get((m.group(1).upper(), int(m.group(2))))
        if found is None and not m.group(1):  # the "T" lost: try every prefix
            found = next((v for (p, n), v in self._ids.items() if n == int(m.group(2))), None)
        return found, False

    def expected(self, task: Task) -> tuple[str, str, str]:
        """(完成时限, 牵头单位, 责任单位) as a form shows them (cached)."""
        found = self._expected.get(task.id)
        if found is None:
            found = self._expected[task.id] = (task.deadline.text, "、".join(task.lead), "、".join(task.coop))
        return found

    def norm(self, task: Task) -> str:
        """The task's text without whitespace (cached)."""
        if task.id not in self._norm:
            self._norm[task.id] = norm_text(task.text)
        return self._norm[task.id]

    def grams(self, task: Task) -> frozenset[str]:
        """The task text's bigrams (cached)."""
        if task.id not in self._grams:
            self._grams[task.id] = _bigrams(task.text)
        return self._grams[task.id]

    def best_by_text(self, text: str, number: str, candidates: tuple[Task, ...]) -> tuple[Task | None, float]:
        """The candidate whose text is most like ``text`` (序号 equal breaks near-ties), and the score."""
        grams = _bigrams(text)
        best: Task | None = None
        score = 0.0
        for task in candidates:
            s = similarity(grams, self.grams(task)) + (0.15 if number and task.number == number else 0.0)
            if s > score:
                best, score = task, s
        return best, score

    def is_section(self, text: str) -> bool:
        """Whether ``text`` is a section heading of the breakdown (or several, joined by " / "); cached,
        as every form repeats the same headings."""
        found = self._is_section.get(text)
        if found is None:
            found = self._is_section[text] = all(norm_text(part) in self.sections for part in _PATH_SEP.split(text))
        return found


TEXT_MATCH = 0.5
"""Minimum similarity (plus 0.15 when 序号 agrees) for a row without a usable ID."""
ID_DOUBT = 0.3
"""Below this, a row's text contradicts its ID, and a clearly better text match wins."""


# --- rows ------------------------------------------------------------------------------

_CONTACT = re.compile(r"^\s*(填报人|联系人|联系电话|电话|手机|审核领导|审核人|分管领导|填报日期|填报时间)\s*[:：]?\s*(.*)$", re.S)


@dataclass(slots=True)
class RawRow:
    """One data row of a return, matched (or not) to a task."""

    row: int
    """0-based row index."""
    task: Task | None
    how: str
    """``id``, ``id-fixed`` (repaired ID), ``id-conflict`` (text overrode the ID), ``text``, ``number`` or ``""``."""
    score: float
    values: dict[str, str]
    """field → cell text (answer cells filled down through vertical merges)."""
    origin: dict[str, int]
    """answer field → 0-based row of the cell the text came from, when it is the top of a merge above."""
    extras: list[tuple[str, str, int, bool]]
    """(label, text, column, unlabelled) from columns that are not return fields."""
    raw_id: str = ""


_CONTACT_HEADS = frozenset(("填报", "联系", "电话", "手机", "审核", "分管"))


def contact_pairs(row: list[str]) -> list[tuple[str, str]]:
    """(label, value) pairs of a 填报人 / 联系电话 / 审核领导 row; [] when it is not one."""
    out: list[tuple[str, str]] = []
    if not any(c.lstrip()[:2] in _CONTACT_HEADS for c in row if c):
        return out
    cells = [c.strip() for c in row]
    for c, cell in enumerate(cells):
        m = _CONTACT.match(cell) if cell and len(cell) < 60 else None
        if m:
            value = m.group(2).strip() or next((v for v in cells[c + 1:c + 3] if v and not _CONTACT.match(v)), "")
            out.append((m.group(1), value))
    return out


def _answer_fill(rows: list[list[str]], merges: list[tuple[int, int, int, int]],
                 header: Header) -> dict[tuple[int, int], int]:
    """(row, col) of a cell covered by a vertical merge in an answer column → the merge's top row."""
    cols = {header.fields[f] for f in ANSWER_FIELDS if f in header.fields}
    fill: dict[tuple[int, int], int] = {}
    for r0, c0, r1, _ in merges:
        if c0 in cols and r1 > r0 and r0 > header.row:
            for r in range(r0 + 1, r1 + 1):
                fill[(r, c0)] = r0
    return fill


def _cell(rows: list[list[str]], r: int, c: int) -> str:
    row = rows[r]
    return row[c] if c < len(row) else ""


def _row_values(rows: list[list[str]], r: int, header: Header,
                fill: dict[tuple[int, int], int]) -> tuple[dict[str, str], dict[str, int]]:
    row = rows[r]
    if not fill:
        if len(row) > header.last_column:  # every field's cell is there: pick them in one C-level pass
            return dict(zip(header.fields, map(str.strip, header.getter(row)))), {}
        n = len(row)
        return {fld: row[c].strip() if c < n else "" for fld, c in header.fields.items()}, {}
    values, origin = {}, {}
    for fld, c in header.fields.items():
        top = fill.get((r, c), r)
        values[fld] = _cell(rows, top, c).strip()
        if top != r:
            origin[fld] = top
    return values, origin


def _extras(row: list[str], header: Header, spare: list[int]) -> list[tuple[str, str, int, bool]]:
    out = []
    width = len(row)
    for c in spare:
        if c < width and row[c] and row[c].strip():
            label = header.labels.get(c)
            out.append((label or f"{_letter(c)}列（无表头）", row[c].strip(), c, label is None))
    return out


def _letter(c: int) -> str:
    from govtasks.io.workbook import column_letter

    return column_letter(c)


def match_row(values: dict[str, str], ctx: Context, candidates: tuple[Task, ...]) -> tuple[Task | None, str, float]:
    """The task a row answers, how it was found, and the text similarity."""
    raw_id, text, number = values.get("id", ""), values.get("text", ""), values.get("number", "")
    if raw_id:
        tid, exact = ctx.task_id(raw_id)
        if tid is not None:
            task = ctx.tasks[tid]
            how = "id" if exact else "id-fixed"
            if not text or text == task.text or norm_text(text) == ctx.norm(task):
                return task, how, 1.0
            own = similarity(_bigrams(text), ctx.grams(task))
            if own >= ID_DOUBT:
                return task, how, own
            other, score = ctx.best_by_text(text, number, candidates)
            if other is not None and other.id != tid and score >= 0.8:
                return other, "id-conflict", score
            return task, how, own
    return _match_without_id(text, number, ctx, candidates)


def _match_without_id(text: str, number: str, ctx: Context, candidates: tuple[Task, ...]) -> tuple[Task | None, str, float]:
    if text:
        task, score = ctx.best_by_text(text, number, candidates)
        if task is not None and score >= TEXT_MATCH:
            return task, "text", score
        everyone = tuple(ctx.tasks.values())
        if len(candidates) < len(everyone):
            task, score = ctx.best_by_text(text, number, everyone)
            if task is not None and score >= TEXT_MATCH + 0.1:
                return task, "text", score
        return None, "", score
    if number:
        same = [t for t in candidates if t.number == number]
        if len(same) == 1:
            return same[0], "number", 0.0
    return None, "", 0.0


def _is_header_again(row: list[str]) -> bool:
    return sum(1 for c in row if c and label_field(c)) >= 3


def scan_rows(rows: list[list[str]], merges: list[tuple[int, int, int, int]], header: Header, ctx: Context,
              candidates: tuple[Task, ...]) -> tuple[list[RawRow], list[tuple[str, str]]]:
    """Every data row below the header, matched to a task; and the contact pairs of the footer."""
    fill = _answer_fill(rows, merges, header)
    wide = {(r0, c0) for r0, c0, r1, c1 in merges if r1 == r0 and c1 - c0 >= 2}
    used = set(header.fields.values())
    spare = [c for c in range(max((len(row) for row in rows), default=0)) if c not in used]
    out: list[RawRow] = []
    contact: list[tuple[str, str]] = []
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        if not any(row) or not "".join(row).strip():
            continue
        values, origin = _row_values(rows, r, header, fill)
        raw_id = values.get("id")
        pairs = contact_pairs(row) if not raw_id else []
        if pairs:
            contact += pairs
            continue
        if not raw_id and _is_heading(row, r, values, ctx, _NO_MERGES):
            continue  # a breakdown heading or a 牵头任务（N项） row: no task to look for
        task, how, score = match_row(values, ctx, candidates)
        if task is None and (_is_header_again(row) or _is_heading(row, r, values, ctx, wide)):
            continue
        out.append(RawRow(r, task, how, score, values, origin, _extras(row, header, spare), raw_id or ""))
    return out, contact


_NO_MERGES: set[tuple[int, int]] = set()
_GROUP_ROW = re.compile(r"^(本单位)?(牵头|配合|协办|主办)任务\s*[（(]?\s*\d*\s*项?\s*[）)]?$")


def _is_heading(row: list[str], r: int, values: dict[str, str], ctx: Context, wide: set[tuple[int, int]]) -> bool:
    """A section row (a breakdown heading, 本单位牵头任务（N项）, or one cell merged across the table)."""
    cells = [(c, v.strip()) for c, v in enumerate(row) if v and v.strip()]
    if len(cells) != 1 or any(values.get(f) for f in ANSWER_FIELDS):
        return False
    c, text = cells[0]
    return ctx.is_section(text) or bool(_GROUP_ROW.match(text)) or (r, c) in wide


def custom_field(label: str) -> str | None:
    """The breakdown field of a column a custom template added (牵头领导, 责任人 …), if any."""
    return field_of(label)

"""Column labels: the standard workbook's sheets and headers, header words, header-row detection.

A header cell is read in two steps: the exact words of :data:`SYNONYMS` first (the standard
labels and the common published ones), then word families (:data:`FAMILIES`): a label holding
任务 / 事项 / 内容 / 措施 / 目标 names a task column, 领域 / 方面 / 类别 / 板块 a section, 牵头… /
主办… the lead units, 配合… / 协办… / 协同… / 责任… the cooperating units, …领导 the leaders,
时限 / 时间 / 期限 the deadline. Labels are folded first (traditional → simplified, ASCII
brackets → full width). Which task-family column holds the task and which hold sections is
decided by their content (:mod:`govtasks.breakdown.columns`).

Pure: works on text grids (lists of rows of str), imports no Excel library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from govtasks._perf import memo
from govtasks.breakdown.fold import fold
from govtasks.outputs import STANDARD_INFO_SHEET, STANDARD_SHEET

SHEET_TASKS, SHEET_ROSTER, SHEET_INFO = STANDARD_SHEET, "单位", STANDARD_INFO_SHEET
ROSTER_COLUMNS = ("单位名称", "别名", "所属分组")
INFO_KEYS: tuple[tuple[str, str], ...] = (
    ("title", "标题"), ("year", "年度"), ("issuer", "发文机关"), ("doc_number", "文号"), ("source", "来源"),
)

# Synonyms for importing real tables. Keys are normalised labels (see norm_label);
# "parent/child" keys match two-row headers such as 重点工作 over 工作 / 内容.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("任务编号", "任务id"),
    "number": ("序号", "编号", "项目序号"),
    "section1": ("一级标题", "重点工作/工作"),
    "section2": ("二级标题", "重点工作/内容", "重点工作/任务"),
    "section3": ("三级标题",),
    "text": (
        "任务内容", "目标与任务", "具体任务分解", "具体任务分解/主要任务", "主要任务", "工作任务",
        "具体任务", "重点工作任务", "具体措施", "工作措施", "主要工作任务", "工作内容", "主要内容",
        "重点工作", "任务", "工作目标与任务", "具体工作",
    ),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限", "完成期限", "时限要求", "时间安排", "办结时限"),
    "lead": ("牵头单位", "牵头责任单位", "主办单位", "牵头部门", "主责单位", "牵头单位（部门）"),
    "coop": ("责任单位", "配合单位", "协办单位", "协同责任单位", "参与单位", "协同单位", "配合部门", "责任部门", "协同配合单位"),
    "leaders": ("牵头领导", "牵头区领导", "牵头市领导", "牵头县领导", "责任领导", "分管领导", "责任区领导", "区领导", "市领导", "县领导"),
    "persons": ("责任人", "具体责任人"),
    "note": ("备注",),
    "progress": ("进展情况", "完成情况", "推进情况", "进展和完成情况", "工作进展", "落实情况", "进展情况及成效"),
}
_LOOKUP = {label: fld for fld, labels in SYNONYMS.items() for label in labels}
_SUBLABELS = {"工作", "内容"}

FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((fld, re.compile(words)) for fld, words in (
    ("number", r"^(序号|编号|序|号)$"),
    ("leaders", r"领导"),
    ("persons", r"责任人|联系人|经办人"),
    ("progress", r"进展|进度|完成情况|落实情况|推进情况|完成进度|成效"),
    ("deadline", r"时限|时间|期限|日期|节点"),
    ("lead", r"牵头|主办|主责"),
    ("coop", r"配合|协办|协同|参与|协助|责任|承办|实施单位|单位$|部门$"),
    ("note", r"^备注|^说明$"),
    ("section", r"领域|方面|类别|大类|板块|分类|篇章|专项"),
    ("text", r"任务|事项|内容|措施|目标|举措|工作|项目|指标|要点"),
))
"""Word families of header labels, tried in this order when no exact word matches."""


_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"（[^）]*）")


@memo(65536)
def norm_label(text: str) -> str:
    """Normalise a header cell: no spaces, ASCII brackets, no trailing colon, lower case."""
    t = fold(_SPACES.sub("", text or ""))
    return t.rstrip(":：").lower()


@memo(65536)
def field_of(label: str, parent: str = "") -> str | None:
    """The field a header label (with an optional parent label) stands for."""
    if len(label) > 40:  # task text, not a column label (labels are short, even spaced out)
        return None
    label, parent = norm_label(label), norm_label(parent)
    if parent and label and parent != label:
        combined = _LOOKUP.get(f"{parent}/{label}")
        if combined:
            return combined
    if label:
        return _LOOKUP.get(label) or family_of(label)
    return _LOOKUP.get(parent) or family_of(parent)


def is_synonym(label: str) -> bool:
    """Whether a header cell is one of the exact words of :data:`SYNONYMS` (not only of a family)."""
    return norm_label(label) in _LOOKUP


@memo(65536)
def family_of(label: str) -> str | None:
    """The field a normalised label's word family names (``"section"`` for a section column), or None."""
    label = _BRACKETED.sub("", label)  # 重点工作任务（杭州市2项配合工作）
    if not label or len(label) > 16:
        return None
    return next((fld for fld, words in FAMILIES if words.search(label)), None)


@dataclass(frozen=True, slots=True)
class Header:
    """A detected header: its rows and the field (or extra label) of each column."""

    row: int
    """0-based index of the (first) header row."""
    depth: int
    """1 or 2 header rows."""
    fields: dict[int, str]
    """column → field name, for recognised columns."""
    labels: dict[int, str]
    """column → label as written (parent/child for two-row headers)."""
    by_content: tuple[int, ...] = ()
    """Columns taken as the task by their content, their label being no known word (民生实事)."""

    @property
    def data_start(self) -> int:
        """0-based index of the first row after the header."""
        return self.row + self.depth


def _parents(row: list[str], merges: Sequence[tuple[int, int, int, int]], r: int) -> list[str]:
    """Row labels with horizontally merged header cells spread over their columns."""
    if not merges:
        return row
    out = list(row)
    for r0, c0, r1, c1 in merges:
        if r0 <= r <= r1 and c1 > c0 and c0 < len(out):
            for c in range(c0 + 1, min(c1 + 1, len(out))):
                out[c] = out[c0] if r == r0 else out[c]
    return out


def _is_subheader(row: list[str]) -> bool:
    labels = [norm_label(c) for c in row if c.strip()]
    if not labels or any(re.fullmatch(r"\d+", lab) for lab in labels):
        return False
    return any(lab in _LOOKUP or lab in _SUBLABELS or lab in ("牵头", "配合", "主办", "协办") for lab in labels)


def _columns(upper: list[str], lower: list[str] | None) -> tuple[dict[int, str], dict[int, str]]:
    fields: dict[int, str] = {}
    labels: dict[int, str] = {}
    for c, top in enumerate(upper):
        sub = lower[c].strip() if lower and c < len(lower) else ""
        label = f"{top.strip()}/{sub}" if sub and norm_label(sub) != norm_label(top) else top.strip()
        if not label:
            continue
        labels[c] = label
        fld = field_of(sub, top) if sub else field_of(top)
        if fld and (fld in _CANDIDATES or fld not in fields.values()):
            fields[c] = fld
    return fields, labels


_CANDIDATES = ("text", "section")
"""Roles several columns may claim from their labels; their content decides (breakdown.columns)."""


def find_header(rows: list[list[str]], merges: list[tuple[int, int, int, int]], *, scan: int = 30) -> Header | None:
    """Find the header row: the row (within ``scan``) naming the most known fields.

    A header needs a task-text column and at least one of 牵头单位/责任单位/进展情况.
    Scanning stops three rows past the best header so far: the table has begun.
    """
    best: Header | None = None
    across: dict[int, list[tuple[int, int, int, int]]] = {}  # row → the horizontal merges covering it
    for m in merges:
        if m[0] <= scan and m[3] > m[1]:
            for r in range(m[0], min(m[2], scan) + 1):
                across.setdefault(r, []).append(m)
    for r in range(min(scan, len(rows))):
        if best is not None and r >= best.data_start + 3:
            break  # three data rows past a header: the table has begun
        upper = _parents(rows[r], across.get(r, ()), r)
        if len({c.strip() for c in upper if c.strip()}) < 2 or not any(field_of(c) for c in upper):
            continue  # a title row (one text, often merged across) is never the upper half of a header
        lower = rows[r + 1] if r + 1 < len(rows) and _is_subheader(rows[r + 1]) else None
        fields, labels = _columns(upper, lower)
        found = set(fields.values())
        guessed: tuple[int, ...] = ()
        if "text" not in found and found & {"lead", "coop", "progress"}:
            guessed = _task_by_content(fields, labels, rows[r + (2 if lower else 1):r + 21])
            fields = fields | dict.fromkeys(guessed, "text")
            found = set(fields.values())
        if "text" not in found or not found & {"lead", "coop", "progress"}:
            continue
        if best is None or len(found) > len(set(best.fields.values())):
            best = Header(r, 2 if lower else 1, fields, labels, guessed)
    return best


def _task_by_content(fields: dict[int, str], labels: dict[int, str], body: list[list[str]]) -> tuple[int, ...]:
    """The one column whose label is a short word of no known kind (民生实事, 名称) and whose cells
    are long and different on each row — the task, when no label names it; else ()."""
    from govtasks.breakdown.columns import task_like

    unknown = [c for c, label in labels.items() if c not in fields and 0 < len(norm_label(label)) <= 12]
    fits = [c for c in unknown if task_like(c, body)]
    return (fits[0],) if len(fits) == 1 else ()

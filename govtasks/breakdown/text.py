"""Import published notices as plain text (重点工作责任分工 as a web page or .txt).

* **Folding.** The text is read in a folded copy — traditional characters as simplified
  (OpenCC), ASCII , : ; ! ? ( ) in Chinese text as full width (:func:`.textrules.full_width`) —
  and what is kept (task texts, headings, unit cells) is taken from the text as written at the
  same places, so half- and full-width, traditional and simplified notices give the same tasks,
  each written as its notice writes it.
* **Tables as text.** A table that arrived as text (one cell per paragraph, cells ending in |,
  rows with |) is rebuilt as a grid and read by the table importer (:mod:`.textgrid`).
* **The task list** is read as an outline (:mod:`.outline`): numbered items nested by their
  markers, annotation lines added to the item above, blocks cut at 附件 / dates / signatures /
  a breakdown's title; an item with units is a task, one with tasks below it a heading.
* **Annotations** (:func:`.textrules.split_annotation`): bracketed groups at the end of a line,
  labels inline or on lines of their own (牵头单位：… 市级牵头单位：… 分管省领导：… 部门分工：A牵头，
  B配合 … 完成情况：… 数据提供单位：…), verb forms ("…，A牵头，B配合。", "（A负责）").
* **Leads.** A task whose annotation names a lead has it; a task that names only 责任单位 has
  them as its leads (or the first of them, with ``lead="first"`` or when the notice says
  "列第一位的为牵头单位").
* **Plans** (``plan=True``): the body starts at the first heading line or
  theme paragraph; each sentence of a paragraph is one commitment (a draft
  task without units, ``no-units-yet``), except a short first sentence that
  names the paragraph's theme ("实施创新引领工程。…", see
  :func:`.textrules.plan_theme`), which becomes its heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, NoReturn, Sequence

from govtasks import issues as codes
from govtasks._types import PathLike
from govtasks.breakdown import textgrid
from govtasks.breakdown import textrules as rules
from govtasks.breakdown.draft import DraftMeta, DraftTask, LeadRule, finish, guess_year
from govtasks.breakdown.fold import simplified
from govtasks.breakdown.labels import field_of
from govtasks.breakdown.outline import read as read_outline
from govtasks.breakdown.table import breakdown_from_sheets
from govtasks.errors import LayoutError, WorkbookError
from govtasks.io.workbook import decode_text, read_bytes
from govtasks.issues import Issue, Severity
from govtasks.model import Breakdown, CellRef, Layout, RosterUnit

_Lines = list[tuple[int, str]]
_TASK_HINT = ("任务行形如“1.任务内容。（牵头单位：区发改委；责任单位：区财政局）”，"
              "或在任务下一行写“牵头单位：…”“责任单位：…”")


@dataclass
class _Section:
    rank: int
    text: str
    count: int | None = None
    line: int = 0


@dataclass
class _Items:
    items: list[_Section | DraftTask]
    issues: list[Issue]


def import_text(path: PathLike, *, roster: Sequence[RosterUnit] = (), lead: LeadRule = "auto",
                plan: bool = False, tables: bool = True, columns: Mapping[str, int] | None = None) -> Breakdown:
    """Import a task breakdown published as plain text (UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030).

    Args:
        path: the .txt file.
        roster: units that resolve aliases and expand groups.
        lead: ``"auto"`` or ``"first"`` (first listed unit leads where no lead is labelled).
        plan: the text is a prose work plan: one draft task per commitment, no units.

    Raises:
        WorkbookError: the file cannot be read or is not text.
        LayoutError: the file is empty or holds no tasks.

    Example:
        >>> bd = import_text("广丰区2021年区政府工作报告重点工作责任分工.txt")  # doctest: +SKIP
        >>> len(bd.tasks)                                                      # doctest: +SKIP
        101
    """
    p = Path(path)
    data = read_bytes(p)
    return breakdown_from_text(_decode(data, p.name), p.name, roster=roster, lead=lead, plan=plan, tables=tables,
                               columns=columns)


def _decode(data: bytes, name: str) -> str:
    """UTF-16 (BOM), UTF-8 (BOM optional), else GB18030; NUL or control bytes mean binary."""
    binary = f"{name}: 不是文本文件（含有二进制内容），无法按文本导入；请另存为 UTF-8 或 GBK 编码的 .txt 文件"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise WorkbookError(binary, file=name) from exc
    if b"\x00" in data:
        raise WorkbookError(binary, file=name)
    text = decode_text(data)
    if text is None:
        raise WorkbookError(binary, file=name)
    if re.search(r"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]", text):
        raise WorkbookError(binary, file=name)
    return text


def breakdown_from_text(text: str, file: str, *, roster: Sequence[RosterUnit] = (), lead: LeadRule = "auto",
                        plan: bool = False, tables: bool = True, columns: Mapping[str, int] | None = None) -> Breakdown:
    """Parse the text of a notice (or, with ``plan=True``, a prose work plan) into a Breakdown. Pure.

    ``file`` names the source in issues and messages; every task's ``source`` is
    ``CellRef(file=file, row=<1-based line>)``. With ``tables`` (the default), a table that
    arrived as text (one cell per paragraph, cells ending in ``|``) is rebuilt and read by the
    table importer (``bd.layout`` is then ``"table"``).
    """
    if lead not in ("auto", "first"):
        raise ValueError(f"lead must be 'auto' or 'first', not {lead!r}")
    if not text.strip(rules.WS):
        raise LayoutError(f"{file}: 文件是空的，没有可导入的内容", file=file)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if tables and not plan and (table := _table_in(text, file, roster, lead, columns)) is not None:
        return table
    original = _Original(text)
    lines = original.folded_lines
    if plan:
        start, drafts, found_issues, decisions = _read_plan(lines, file, original)
    else:
        outline = read_outline(lines, file, original.restore)
        if outline is None:
            _raise_no_tasks(file, plan, lines)
        start, drafts, found_issues = outline.start, outline.drafts, outline.issues
        decisions = [f"单位标注中的说明“{r}”已从单位名单中移出" for r in outline.remarks]
        if lead == "auto" and (said := rules.FIRST_LEADS.search("\n".join(s for _, s in lines))):
            lead = "first"
            decisions.append(f"文件说明“{said.group(0)}”：未标注牵头的任务，以列第一位的单位为牵头单位")
    if not drafts:
        _raise_no_tasks(file, plan, lines)
    meta = _meta(lines, start, file)
    bd = finish(drafts, meta, roster=roster, lead=lead, has_lead_col=True if plan else None, issues=found_issues,
                plan=plan)
    return bd.replace(layout=Layout("plan" if plan else "text", tuple(decisions)))


class _Original:
    """The text as written beside its folded form (traditional → simplified, ASCII marks → full
    width), line by line. The parser reads the folded lines; what it keeps is then taken from the
    text as written at the same places (folding keeps every character's place)."""

    def __init__(self, text: str) -> None:
        folded = rules.full_width(simplified(text)).split("\n")
        self.folded_lines: _Lines = []
        self._written: dict[int, str] = {}
        for n, (raw, as_written) in enumerate(zip(folded, text.split("\n")), 1):
            s = raw.strip(rules.WS)
            if s:
                self.folded_lines.append((n, s))
                lead = len(raw) - len(raw.lstrip(rules.WS))
                self._written[n] = as_written[lead:lead + len(s)]
        self._folded = dict(self.folded_lines)
        self._order = [n for n, _ in self.folded_lines]
        self._index = {n: i for i, n in enumerate(self._order)}

    def restore(self, s: str, line: int, span: int = 8) -> str:
        """``s`` (found in the folded lines from ``line`` on) as written."""
        if not s or line not in self._index:
            return s
        at = self._folded[line].find(s)
        if at >= 0:  # within its first line (most texts): no window to join
            return self._written[line][at:at + len(s)]
        i = self._index[line]
        window = self._order[i:i + span]
        folded = "".join(self._folded[n] for n in window)
        at = folded.find(s)
        return "".join(self._written[n] for n in window)[at:at + len(s)] if at >= 0 else s

    def restore_items(self, items: list[_Section | DraftTask]) -> None:
        """Every kept text of the items as written: task texts, headings, the annotations' cells."""
        for item in items:
            if isinstance(item, _Section):
                item.text = self.restore(item.text, item.line, 1)
            elif item.source is not None:
                line = item.source.row
                item.text = self.restore(item.text, line)
                for kind in ("lead", "coop", "leaders", "deadline", "persons", "progress"):
                    value = getattr(item, kind)
                    if value:
                        setattr(item, kind, self.restore(value, line, 12) if "、" not in value else
                                "、".join(self.restore(v, line, 12) for v in value.split("、")))


def _table_in(text: str, file: str, roster: Sequence[RosterUnit], lead: LeadRule,
              columns: Mapping[str, int] | None = None) -> Breakdown | None:
    """The breakdown of a table that arrived as text (:mod:`.textgrid`), when the text holds one."""
    found = textgrid.grid_of(text)
    if found is None:
        return None
    sheet, line = found
    before = [s.strip() for s in text.split("\n")[: line - 1] if s.strip()]
    title = next((s for s in reversed(before) if rules.is_title(s)), "")
    try:
        bd = breakdown_from_sheets(file, [sheet], roster=roster, lead=lead, title_hint=title, columns=columns)
    except LayoutError:
        return None
    where = f"第{line}行起的表格（以文本形式发布）已还原为表格读取"
    return bd.replace(layout=Layout("table", (where, *getattr(bd.layout, "decisions", ()))))


def _read_plan(lines: _Lines, file: str, original: _Original) -> tuple[int, list[DraftTask], list[Issue], list[str]]:
    """(index of the first line of the plan, its drafts, issues, decisions)."""
    start = _plan_start(lines)
    if start is None:
        _raise_no_tasks(file, True)
    found = _plan_items(lines, start, file)
    original.restore_items(found.items)
    drafts, count_issues = _with_paths(found.items, file)
    return start, drafts, found.issues + count_issues, []


def _raise_no_tasks(file: str, plan: bool, lines: Sequence[tuple[int, str]] = ()) -> NoReturn:
    if plan:
        msg = f"{file}: 未找到工作计划的条目（需要“一、…”标题或“实施××工程。……”这样的段落）"
    else:
        numbered = sum(1 for _, s in lines if rules.marker(s) is not None)
        annotated = sum(1 for _, s in lines if (ann := rules.split_annotation(s)[1]) is not None and ann.names_units)
        labels = list(dict.fromkeys(s for _, s in lines if len(s) <= 12 and field_of(s) is not None))[:8]
        found = f"共 {len(lines)} 行，其中编号行 {numbered} 行，带单位标注的行 {annotated} 行"
        if labels:
            found += f"；像表头的行：{'、'.join(labels)}"
        msg = (f"{file}: 未找到任务（{found}）。{_TASK_HINT}；"
               f"如果这是一张表格，请另存为 .xlsx 后导入，必要时用 --columns 指定各列（如“任务内容=C,牵头单位=D”）；"
               f"如果这是尚未分工的工作计划，请加 --layout plan（Python: layout='plan'）导入")
    raise LayoutError(msg, file=file)


def _role(lines: _Lines, i: int) -> str:
    """"end" where a plan ends (附件, 抄送, 联系人, a date, a signature above a date), "chrome", or ""."""
    role = rules.line_role(lines[i][1])
    if role == "signature":
        return "end" if i + 1 < len(lines) and rules.is_date(lines[i + 1][1]) else ""
    return role


# --- sections and their counts ---------------------------------------------------------------
def _with_paths(items: list[_Section | DraftTask], file: str) -> tuple[list[DraftTask], list[Issue]]:
    """Give each task the headings in force (ranks mapped to levels 1-3) and check stated counts."""
    ranks = sorted({i.rank for i in items if isinstance(i, _Section)})
    level_of = {rank: min(n, 2) for n, rank in enumerate(ranks)}
    levels = ["", "", ""]
    path: tuple[str, ...] = ()
    open_sections: list[tuple[_Section, int]] = []  # with the number of tasks before it
    drafts: list[DraftTask] = []
    issues: list[Issue] = []
    for item in items:
        if isinstance(item, _Section):
            while open_sections and open_sections[-1][0].rank >= item.rank:
                issues += _count_issue(open_sections.pop(), len(drafts), file)
            open_sections.append((item, len(drafts)))
            level = level_of[item.rank]
            levels[level:] = [item.text] + [""] * (2 - level)
            path = tuple(p for p in levels if p)
        else:
            item.path = path
            drafts.append(item)
    while open_sections:
        issues += _count_issue(open_sections.pop(), len(drafts), file)
    return drafts, issues


def _count_issue(entry: tuple[_Section, int], done: int, file: str) -> list[Issue]:
    section, found = entry[0], done - entry[1]
    if section.count is None or section.count == found:
        return []
    msg = (f"标题“{section.text}”注明 {section.count} 项，但其下找到 {found} 项任务（第 {section.line} 行），"
           f"请核对是否漏项、多项或编号有误")
    return [Issue(code=codes.SECTION_COUNT, severity=Severity.WARNING, where=CellRef(file=file, row=section.line),
                  message=msg)]


# --- document facts -------------------------------------------------------------------------------
def _meta(lines: _Lines, start: int, file: str) -> DraftMeta:
    """Title (the attachment's title line, else the notice's "关于印发X的通知"), year, issuer, 文号."""
    before = [s for _, s in lines[:start]]
    title = next((s for s in reversed(before) if rules.is_title(s)), "")
    notice = next((t for s in before if (t := rules.notice_title(s))), "")
    title = title or notice or next((s for _, s in lines if not rules.is_chrome(s)), "")[:60]
    issuer = next((s for s in reversed(before) if rules.is_signature(s)), "")
    if not issuer:
        m = re.match(r"(.{2,30}?)关于印发", next((s for s in before if "关于印发" in s), ""))
        issuer = m.group(1) if m else ""
    preamble = "\n".join(before)
    year = guess_year(title, file, preamble, "\n".join(s for _, s in lines[start:start + 3]))
    return DraftMeta(title=title, year=year, issuer=issuer, doc_number=rules.doc_number(preamble), source=file)


# --- prose plans ------------------------------------------------------------------------------------
def _plan_start(lines: _Lines) -> int | None:
    """The first heading line or theme paragraph ("实施创新引领工程。深入推进…")."""
    for i, (_, s) in enumerate(lines):
        if rules.heading(s) is not None or _theme(s) is not None:
            return i
    return None


def _theme(paragraph: str) -> str | None:
    """The theme heading of a paragraph whose short first sentence names it, else None."""
    return rules.plan_theme(rules.sentences(paragraph))


def _plan_items(lines: _Lines, start: int, file: str) -> _Items:
    """Commitments of a prose plan: every sentence of a paragraph, under its headings.

    A numbered heading line ("一、…", "（一）…") is a section; if sentences follow
    it on the same line, its first sentence is the heading and the rest are
    commitments. A paragraph's short first sentence is its theme (a level of
    its own, for that paragraph only). Every other sentence is a commitment.
    """
    out = _Items([], [])
    for i in range(start, len(lines)):
        no, s = lines[i]
        role = _role(lines, i)
        if role == "end" and out.items:
            break
        if role == "chrome":
            continue
        head = rules.heading(s)
        if head is not None:
            out.items.append(_Section(head.rank, head.text, head.stated, no))
            continue
        parts = rules.sentences(s)
        lead_head = rules.heading(parts[0]) if len(parts) > 1 else None
        if lead_head is not None:
            out.items.append(_Section(lead_head.rank, lead_head.text.rstrip("。！？!?"), lead_head.stated, no))
            parts = parts[1:]
        theme = _theme(s) if lead_head is None else None
        out.items.append(_Section(9, theme or "", None, no))
        for sentence in parts[1:] if theme else parts:
            out.items.append(DraftTask(number="", text=sentence, source=CellRef(file=file, row=no)))
    for n, draft in enumerate((d for d in out.items if isinstance(d, DraftTask)), 1):
        draft.number = str(n)
    return out

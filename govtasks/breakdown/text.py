"""Import published notices as plain text (重点工作责任分工 as a web page or .txt).

Rules (the line rules themselves are in :mod:`._text_rules`):

* **Punctuation.** ASCII , : ; ! ? ( ) in Chinese text become the full-width
  forms first (:func:`._text_rules.full_width`), so half- and full-width
  versions of a notice give equal Breakdowns; characters are otherwise kept
  as written (traditional stays traditional, OCR errors stay).
* **Where the task list starts.** The *anchor* is the first numbered line
  ("1." "1、" "1．" "（1）" "(1)") with a unit annotation: inline, on the next
  line alone, or at the end of its wrapped text. From there we walk back over
  headings, "1." topics above "(1)" tasks and numbers counting down to it; the
  walk stops at any other line, after number 1 and after the first "一、"/"（一）"
  of a rank. So the preamble (addressees, requirement paragraphs such as
  "一、以目标倒逼落实。各单位要…" — a "heading" followed by sentences is a
  paragraph —, signature, date) is never read as tasks. With no numbered
  anchor, the first annotated line is the anchor and every paragraph is a task.
* **Where it ends.** At 附件/抄送/联系人 lines, a date, or a signature followed
  by a date. Page chrome (分享到, 【字体, 扫一扫, page numbers) is skipped.
* **Annotations attach** to the task on their line or, when a line is only an
  annotation ("(主办单位:…)" alone, "牵头单位：…" lines), to the task above;
  fields from several lines are merged. Right after a heading there is no
  task to attach to: the line is reported as ``row-skipped``.
* **Numbered lists.** An unnumbered line after a task that has no annotation
  yet continues its text (a wrapped line); after an annotated task it is
  reported as ``row-skipped``, never merged. A task without an annotation is
  kept (``finish()`` reports ``no-units``).
* **Leads.** Labelled leads (牵头单位/主办单位/牵头责任单位, "A牵头") where the
  document has any; otherwise the 责任单位 lead (or the first one listed, with
  ``lead="first"``): ``finish(has_lead_col=...)`` per document.
* **Sections.** 第一部分 / 一、 / （一） (and "1." topics above "(1)" tasks) give
  up to three levels. A count "(13项)" is removed from the heading and checked
  against the tasks found under it (``section-count``).
* **Plans** (``plan=True``): the body starts at the first heading line or
  theme paragraph; each sentence of a paragraph is one commitment (a draft
  task without units, ``no-units-yet``), except a short first sentence that
  names the paragraph's theme ("实施创新引领工程。…", see
  :func:`._text_rules.plan_theme`), which becomes its heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, Sequence

from govtasks import issues as codes
from govtasks._types import PathLike
from govtasks.breakdown import textgrid
from govtasks.breakdown import textrules as rules
from govtasks.breakdown.draft import DraftMeta, DraftTask, LeadRule, finish, guess_year
from govtasks.breakdown.fold import simplified
from govtasks.breakdown.table import breakdown_from_sheets
from govtasks.errors import LayoutError, WorkbookError
from govtasks.io.workbook import decode_text, read_bytes
from govtasks.issues import Issue, Severity
from govtasks.model import Breakdown, CellRef, Layout, RosterUnit

_Lines = list[tuple[int, str]]
_FIRST = re.compile(r"第\s*一|[（(]?\s*一\s*[、.．）)]")
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
                plan: bool = False, tables: bool = True) -> Breakdown:
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
    return breakdown_from_text(_decode(data, p.name), p.name, roster=roster, lead=lead, plan=plan, tables=tables)


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
                        plan: bool = False, tables: bool = True) -> Breakdown:
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
    if tables and not plan and (table := _table_in(text, file, roster, lead)) is not None:
        return table
    original = _Original(text)
    lines = original.folded_lines
    start, found = _read(lines, file, plan)
    original.restore_items(found.items)
    drafts, count_issues = _with_paths(found.items, file)
    if not drafts:
        _raise_no_tasks(file, plan)
    meta = _meta(lines, start, file)
    has_lead = any(d.lead for d in drafts)
    bd = finish(drafts, meta, roster=roster, lead=lead, has_lead_col=has_lead,
                  issues=found.issues + count_issues, plan=plan)
    return bd.replace(layout=Layout("plan" if plan else "text"))


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


def _table_in(text: str, file: str, roster: Sequence[RosterUnit], lead: LeadRule) -> Breakdown | None:
    """The breakdown of a table that arrived as text (:mod:`.textgrid`), when the text holds one."""
    found = textgrid.grid_of(text)
    if found is None:
        return None
    sheet, line = found
    before = [s.strip() for s in text.split("\n")[: line - 1] if s.strip()]
    title = next((s for s in reversed(before) if rules.is_title(s)), "")
    try:
        bd = breakdown_from_sheets(file, [sheet], roster=roster, lead=lead, title_hint=title)
    except LayoutError:
        return None
    where = f"第{line}行起的表格（以文本形式发布）已还原为表格读取"
    return bd.replace(layout=Layout("table", (where, *getattr(bd.layout, "decisions", ()))))


def _read(lines: _Lines, file: str, plan: bool) -> tuple[int, _Items]:
    """(index of the first line of the list, what the list holds)."""
    if plan:
        start = _plan_start(lines)
        if start is None:
            _raise_no_tasks(file, plan)
        return start, _plan_items(lines, start, file)
    anchor = _task_start(lines)
    if anchor is None:
        _raise_no_tasks(file, plan)
    return anchor[0], _task_items(lines, anchor[0], anchor[1], file)


def _raise_no_tasks(file: str, plan: bool) -> NoReturn:
    if plan:
        msg = f"{file}: 未找到工作计划的条目（需要“一、…”标题或“实施××工程。……”这样的段落）"
    else:
        msg = (f"{file}: 未找到任务：没有一行带有单位标注。{_TASK_HINT}；"
               f"如果这是尚未分工的工作计划，请加 --layout plan（Python: layout='plan'）导入")
    raise LayoutError(msg, file=file)


# --- where the list starts -----------------------------------------------------------
def _annotated(lines: _Lines, i: int, numbered: bool) -> bool:
    """Whether line i has an annotation naming units: on the line, on the annotation-only
    lines after it, or (a numbered line) at the end of its wrapped text (2 lines at most)."""
    if _names_units(rules.split_annotation(lines[i][1])[1]):
        return True
    for j in range(i + 1, min(i + 6, len(lines))):
        rest, ann = rules.split_annotation(lines[j][1])
        if ann is not None and not rest:
            if _names_units(ann):
                return True
            continue  # e.g. "牵头领导：…" before "牵头单位：…"
        if rules.numbered(rest) is not None or rules.heading(rest) is not None:
            return False
        if ann is not None or not numbered or j > i + 2:
            return numbered and _names_units(ann)
    return False


def _names_units(ann: rules.Annotation | None) -> bool:
    return ann is not None and ("lead" in ann or "coop" in ann)


def _anchor(lines: _Lines) -> tuple[int, str | None] | None:
    """(index, number style) of the first annotated numbered line, else of the first annotated line."""
    first_plain = None
    for i, (_, s) in enumerate(lines):
        num = rules.numbered(s)
        if num is not None and _annotated(lines, i, True):
            return i, num.style
        if first_plain is None and rules.heading(s) is None and _annotated(lines, i, False):
            first_plain = i
    return None if first_plain is None else (first_plain, None)


def _task_start(lines: _Lines) -> tuple[int, str | None] | None:
    """(index of the first line of the task list, task number style); see the module docstring."""
    anchor = _anchor(lines)
    if anchor is None:
        return None
    start, style = anchor
    expect = int(n.number) - 1 if style and (n := rules.numbered(lines[start][1])) else 0
    firsts: set[int] = set()
    for i in range(start - 1, -1, -1):
        s = lines[i][1]
        head, num = rules.heading(s), rules.numbered(s)
        if head is not None and head.rank not in firsts:
            if _FIRST.match(s):  # the first section of this rank: nothing comes before it
                firsts.add(head.rank)
        elif num is not None and num.style == style and expect > 0 and int(num.number) == expect:
            expect -= 1
        elif num is not None and num.style == "dot" and style == "paren":
            pass  # a "1." topic above "(1)" tasks
        else:
            break
        start = i
    return start, style


# --- the task list -----------------------------------------------------------------------
def _role(lines: _Lines, i: int) -> str:
    """"end" where the list ends (附件, 抄送, 联系人, a date, a signature above a date), "chrome", or ""."""
    role = rules.line_role(lines[i][1])
    if role == "signature":
        return "end" if i + 1 < len(lines) and rules.is_date(lines[i + 1][1]) else ""
    return role


def _skipped(file: str, line: int, text: str, why: str) -> Issue:
    return Issue(code=codes.ROW_SKIPPED, severity=Severity.WARNING, where=CellRef(file=file, row=line),
                 message=f"该行{why}，未导入：“{text[:60]}”")


@dataclass
class _State:
    """The task list being read: items so far, the current task, and whether it still lacks units."""

    file: str
    style: str | None
    out: _Items
    current: DraftTask | None = None
    is_open: bool = False


def _task_items(lines: _Lines, start: int, style: str | None, file: str) -> _Items:
    state = _State(file, style, _Items([], []))
    for i in range(start, len(lines)):
        role = _role(lines, i)
        if role == "end" and state.out.items:
            break
        if role != "chrome":
            _read_line(state, *lines[i])
    return state.out


def _read_line(st: _State, no: int, line: str) -> None:
    """One line of the task list: annotation, heading, task, continuation, or skipped."""
    body, ann = rules.split_annotation(line)
    num = rules.numbered(body) if body else None
    own = num is not None and num.style == st.style
    if not body and ann is not None:
        if st.current is None:
            st.out.issues.append(_skipped(st.file, no, line, "是单位标注，但前面没有任务"))
            return
        _attach(st.current, ann, CellRef(file=st.file, row=no))
        st.is_open = False
    elif ann is None and not own and (head := _heading(body, num, st.style)) is not None:
        st.out.items.append(head)
        head.line = no
        st.current, st.is_open = None, False
    elif own or st.style is None or (ann is not None and not st.is_open):
        st.current = _new_task(num.number if own and num else "", num.rest if own and num else body, ann, st.file, no)
        st.out.items.append(st.current)
        st.is_open = ann is None
    elif st.current is not None and st.is_open:
        st.current.text += body
        if ann is not None:
            _attach(st.current, ann, CellRef(file=st.file, row=no))
            st.is_open = False
    else:
        st.out.issues.append(_skipped(st.file, no, line, "既不是任务也不是标题"))


def _heading(body: str, num: rules.Numbered | None, style: str | None) -> _Section | None:
    """A section: 第一部分 / 一、 / （一）, or a "1." topic line above "(1)" tasks."""
    head = rules.heading(body)
    if head is not None:
        return _Section(head.rank, head.text, head.stated)
    if num is not None and style == "paren" and num.style == "dot":
        return _Section(3, body)
    return None


def _new_task(number: str, text: str, ann: rules.Annotation | None, file: str, line: int) -> DraftTask:
    task = DraftTask(number=number, text=text.strip(rules.WS), source=CellRef(file=file, row=line))
    if ann:
        _attach(task, ann)
    return task


def _attach(task: DraftTask, ann: rules.Annotation, where: CellRef | None = None) -> None:
    """Merge an annotation's fields into the task's cells (lists joined with 、 as written); ``where``
    is the annotation's line when it is not the task's."""
    for kind, values in ann.items():
        if where is not None and isinstance(task.refs, dict):
            task.refs.setdefault(kind, where)
        sep = "；" if kind == "deadline" else "、"
        old = getattr(task, kind)
        setattr(task, kind, sep.join([old, *values]) if old else sep.join(values))


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

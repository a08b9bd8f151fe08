"""Import published notices as plain text (重点工作责任分工 as a web page or .txt).

Rules (the line rules themselves live in :mod:`._text_rules`):

* **Where the task list starts.** The *anchor* is the first numbered line
  ("1." "1、" "1．" "（1）" "(1)") that carries a unit annotation, inline or
  on the next non-blank line. From the anchor we walk back over blank lines,
  section headings and numbered lines that count down to it (3, 2, 1 before 4);
  the walk stops at any other line, at a second heading "一、" of a rank
  already seen, and after number 1. So the notice's preamble — addressees,
  requirement paragraphs such as "一、以目标倒逼落实。各单位要…" (a "heading"
  followed by sentences is a paragraph, never a heading), the signature and
  date — is never read as tasks. With no numbered annotated line, the first
  annotated line is the anchor and every paragraph of the list is a task.
* **Where it ends.** At 附件/抄送/联系人 lines, a date line, or a signature line
  followed by a date. Page chrome (分享到, 【字体, 扫一扫, page numbers) is skipped.
* **Annotations attach** to the task on their line or, when a line is only an
  annotation ("(主办单位:…)" on its own line, "牵头单位：…" lines), to the
  task before it; fields from several lines are merged. After a heading there
  is no current task: an annotation there is reported as ``row-skipped``.
* **Numbered lists.** A line without a number right after a task that has no
  annotation yet continues that task's text (a wrapped line); after an
  annotated task it is reported as ``row-skipped``, never merged. A task with
  no annotation is kept (``finish()`` reports ``no-units``).
* **Leads.** Labelled leads (牵头单位/主办单位/牵头责任单位, "A牵头") when the
  document has any; otherwise the 责任单位 are the leads (or the first listed
  one with ``lead="first"``): ``finish(has_lead_col=...)`` per document.
* **Sections.** Headings 第一部分 / 一、 / （一） (and "1." topics above "(1)"
  tasks) give up to three levels. A stated count "(13项)" is removed from the
  heading and checked against the tasks found under it (``section-count``).
* **Plans** (``plan=True``, see :func:`_plan_items`): the body starts at the
  first heading; each sentence of a paragraph is one commitment (one draft
  task without units), except a paragraph's short first sentence, which is
  its theme heading ("实施创新引领工程。…").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .. import issues as codes
from .._types import PathLike
from ..errors import LayoutError, WorkbookError
from ..issues import Issue, Severity
from ..model import Breakdown, CellRef, RosterUnit
from . import _text_rules as rules
from ._draft import DraftMeta, DraftTask, LeadRule, finish, guess_year

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
                plan: bool = False) -> Breakdown:
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
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise WorkbookError(f"{p.name}: 文件不存在", file=p.name) from exc
    except OSError as exc:
        msg = f"{p.name}: 无法读取文件（{exc.strerror or exc}），请检查文件是否被占用或没有权限"
        raise WorkbookError(msg, file=p.name) from exc
    return breakdown_from_text(_decode(data, p.name), p.name, roster=roster, lead=lead, plan=plan)


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
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise WorkbookError(binary, file=name)
    if re.search(r"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]", text):
        raise WorkbookError(binary, file=name)
    return text


def breakdown_from_text(text: str, file: str, *, roster: Sequence[RosterUnit] = (), lead: LeadRule = "auto",
                        plan: bool = False) -> Breakdown:
    """Parse the text of a notice (or, with ``plan=True``, a prose work plan) into a Breakdown. Pure.

    ``file`` names the source in issues and messages; every task's ``source`` is
    ``CellRef(file=file, row=<1-based line>)``.
    """
    if lead not in ("auto", "first"):
        raise ValueError(f"lead must be 'auto' or 'first', not {lead!r}")
    if not text.strip(rules.WS):
        raise LayoutError(f"{file}: 文件是空的，没有可导入的内容", file=file)
    lines = [(n, s) for n, raw in enumerate(re.split(r"\r\n|\r|\n", text), 1) if (s := raw.strip(rules.WS))]
    start = _plan_start(lines) if plan else _task_start(lines)
    if start is None:
        _raise_no_tasks(file, plan)
    found = _plan_items(lines, start, file) if plan else _task_items(lines, start, file)
    drafts, count_issues = _with_paths(found.items, file)
    if not drafts:
        _raise_no_tasks(file, plan)
    meta = _meta(lines, start, file)
    has_lead = any(d.lead for d in drafts)
    return finish(drafts, meta, roster=roster, lead=lead, has_lead_col=has_lead,
                  issues=found.issues + count_issues, plan=plan)


def _raise_no_tasks(file: str, plan: bool) -> None:
    if plan:
        msg = f"{file}: 未找到工作计划的条目（需要“一、…”标题或“实施××工程。……”这样的段落）"
    else:
        msg = (f"{file}: 未找到任务：没有一行带有单位标注。{_TASK_HINT}；"
               f"如果这是尚未分工的工作计划，请用 plan=True 导入")
    raise LayoutError(msg, file=file)


# --- where the list starts -----------------------------------------------------------
def _annotated(lines: _Lines, i: int) -> bool:
    """Whether line i carries an annotation or the next line is only one."""
    if rules.split_annotation(lines[i][1])[1] is not None:
        return True
    if i + 1 < len(lines):
        rest, ann = rules.split_annotation(lines[i + 1][1])
        return ann is not None and not rest
    return False


def _anchor(lines: _Lines) -> tuple[int, str | None] | None:
    """(index, number style) of the first annotated numbered line, else of the first annotated line."""
    first_plain = None
    for i, (_, s) in enumerate(lines):
        num = rules.numbered(s)
        if num is not None and _annotated(lines, i):
            return i, num.style
        if first_plain is None and rules.heading(s) is None and _annotated(lines, i):
            first_plain = i
    return None if first_plain is None else (first_plain, None)


def _task_start(lines: _Lines) -> int | None:
    """Index of the first line of the task list (see module docstring)."""
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
            if re.match(r"[（(]?\s*[一第]", s):  # the first section of this rank: nothing before it
                firsts.add(head.rank)
        elif num is not None and num.style == style and expect > 0 and int(num.number) == expect:
            expect -= 1
        else:
            break
        start = i
    return start


# --- the task list -----------------------------------------------------------------------
def _ends_at(lines: _Lines, i: int) -> bool:
    s = lines[i][1]
    if rules.ends_list(s):
        return True
    return rules.is_signature(s) and i + 1 < len(lines) and rules.is_date(lines[i + 1][1])


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


def _task_items(lines: _Lines, start: int, file: str) -> _Items:
    anchor = _anchor(lines)
    state = _State(file, anchor[1] if anchor else None, _Items([], []))
    for i in range(start, len(lines)):
        if _ends_at(lines, i) and state.out.items:
            break
        if not rules.is_chrome(lines[i][1]):
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
        _attach(st.current, ann)
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
            _attach(st.current, ann)
            st.is_open = False
    else:
        st.out.issues.append(_skipped(st.file, no, line, "既不是任务也不是标题"))


def _heading(body: str, num: rules.Numbered | None, style: str | None) -> _Section | None:
    """A section: 第一部分 / 一、 / （一）, or a "1." topic line above "(1)" tasks."""
    head = rules.heading(body)
    if head is not None:
        return _Section(head.rank, head.text, head.count)
    if num is not None and style == "paren" and num.style == "dot":
        return _Section(3, body)
    return None


def _new_task(number: str, text: str, ann: rules.Annotation | None, file: str, line: int) -> DraftTask:
    task = DraftTask(number=number, text=text.strip(rules.WS), source=CellRef(file=file, row=line))
    if ann is not None:
        _attach(task, ann)
    return task


def _attach(task: DraftTask, ann: rules.Annotation) -> None:
    """Merge an annotation's fields into the task's cells (lists joined with 、 as written)."""
    for name, sep in (("lead", "、"), ("coop", "、"), ("leaders", "、"), ("persons", "、"), ("deadline", "；")):
        values = getattr(ann, name)
        if values:
            old = getattr(task, name)
            setattr(task, name, sep.join(([old] if old else []) + values))


# --- sections and their counts ---------------------------------------------------------------
def _with_paths(items: list[_Section | DraftTask], file: str) -> tuple[list[DraftTask], list[Issue]]:
    """Give each task the headings in force (ranks mapped to levels 1-3) and check stated counts."""
    ranks = sorted({i.rank for i in items if isinstance(i, _Section)})
    level_of = {rank: min(n, 2) for n, rank in enumerate(ranks)}
    path = ["", "", ""]
    open_sections: list[list[_Section | int]] = []
    drafts: list[DraftTask] = []
    issues: list[Issue] = []
    for item in items:
        if isinstance(item, _Section):
            while open_sections and open_sections[-1][0].rank >= item.rank:  # type: ignore[union-attr]
                issues += _count_issue(open_sections.pop(), file)
            open_sections.append([item, 0])
            level = level_of[item.rank]
            path[level:] = [item.text] + [""] * (2 - level)
        else:
            item.path = tuple(p for p in path if p)
            for entry in open_sections:
                entry[1] += 1  # type: ignore[operator]
            drafts.append(item)
    while open_sections:
        issues += _count_issue(open_sections.pop(), file)
    return drafts, issues


def _count_issue(entry: list[_Section | int], file: str) -> list[Issue]:
    section, found = entry
    assert isinstance(section, _Section) and isinstance(found, int)
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
    parts = rules.sentences(paragraph)
    if len(parts) >= 2 and rules.is_plan_heading(parts[0]):
        return parts[0].rstrip("。！？!?")
    return None


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
        if _ends_at(lines, i) and out.items:
            break
        if rules.is_chrome(s):
            continue
        head = rules.heading(s)
        if head is not None:
            out.items.append(_Section(head.rank, head.text, head.count, no))
            continue
        parts = rules.sentences(s)
        lead_head = rules.heading(parts[0]) if len(parts) > 1 else None
        if lead_head is not None:
            out.items.append(_Section(lead_head.rank, lead_head.text.rstrip("。！？!?"), lead_head.count, no))
            parts = parts[1:]
        theme = _theme(s) if lead_head is None else None
        out.items.append(_Section(9, theme or "", None, no))
        for sentence in parts[1:] if theme else parts:
            out.items.append(DraftTask(number="", text=sentence, source=CellRef(file=file, row=no)))
    for n, draft in enumerate((d for d in out.items if isinstance(d, DraftTask)), 1):
        draft.number = str(n)
    return out

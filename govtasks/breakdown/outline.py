"""The outline of a notice: its numbered items nested by their markers, and which items are tasks.
Pure; reads the folded lines of :mod:`govtasks.breakdown.text`.

**Reading.** Each line (a line that holds several numbered items is split first,
:func:`.textrules.run_on`) is one of:

* a **marker line** (第一部分 / 一、 / （一） / 1. / （1） / ①): a new item. Items nest in that order
  (:data:`.textrules.MARKER_RANKS`); an item whose style is already open is that item's sibling;
* an **annotation line** (牵头单位：…, 分管省领导：…, 完成情况：…, a bracket alone): it adds to the
  item above;
* a **topic line**: short, no sentence mark, just before a marker line ("加强基础设施建设"): a
  heading half a level above that line's style;
* a **paragraph**: while the item above has no units yet it continues it (a wrapped line); after
  one that has, it is an unnumbered item of its own (``para``). Roles that open a paragraph or a
  marker line ("由X副市长负责，Y牵头，Z配合，尽快完成…") are its annotation, cut out of its text.
  A line of roles for the items above ("上述项目由区商务委牵头负责。") gives them to every item back to
  the last one with units; paragraphs read as one item's wrapped lines are then items of their own
  when each ends a sentence.

The list is cut into **blocks** at 附件 / 抄送 / 联系人, a date, a signature above a date, and a
breakdown's title line ("重点工作责任分工"); each block is read alone, and only blocks with tasks
count, so a notice's own "一、各单位要高度重视…" paragraphs are never a section.

**Deciding.** An item with units and no tasks below it is a **task**; so is a numbered item without
units beside a sibling task, or under a heading that names units, unless it is the text's last
item and stops inside a sentence (a copy cut off: reported, not imported; a last task cut inside its
unit bracket is imported with a ``text-cut`` warning). An item with tasks below it is a
**heading** (a level of their path), except a heading that names who leads ("王宏副市长牵头重点
工作", "县示范区管委会牵头工作", :func:`.textrules.lead_heading`): its leaders or units go to the tasks
under it, and it is no level; the paragraphs after a heading that only names the unit that leads
("（一）省监察厅牵头的工作") are its items, and tasks. Units written on a heading whose numbered items
have none are theirs; a heading's lead is also the lead of a task that names only cooperating units.
An item that first continued with an annotated paragraph and then has unnumbered items after it is
a heading over all of them ("（一）推动经济稳定健康发展…" over three "…（省发改委等负责）" paragraphs).
Anything else is not imported: inside the list it is reported (``row-skipped``); before the first
task it is the preamble.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from govtasks import issues as codes
from govtasks.breakdown import textrules as rules
from govtasks.breakdown.draft import DraftTask
from govtasks.issues import Issue, Severity
from govtasks.model import PROGRESS_LABEL, STANDARD_COLUMNS, CellRef

Lines = list[tuple[int, str]]
Restore = Callable[[str, int, int], str]
"""(folded text, its first line, how many lines it may span) → the text as written."""

_PARA, _TOPIC, _ROOT = "para", "topic", "root"
_STOPS = "。！？；，：!?;,:"
_LIST_TITLE = re.compile(r"(?:分工|分解|方案|清单|任务|安排|要点|台账|一览表|计划|分解表|任务表)$")
_FIELD_SEPS = {"deadline": "；", "progress": "\n", "note": "；"}


@dataclass(eq=False, slots=True)
class Item:
    """One item of the outline (a marker line with what follows it, a paragraph or a topic)."""

    style: str
    number: str = ""
    text: str = ""
    line: int = 0
    last: int = 0
    head: str = ""
    """The line as a heading: the marker line without annotation, count or final 。."""
    count: int | None = None
    rank: float = -1.0
    ann: rules.Annotation | None = None
    where: dict[str, int] = field(default_factory=dict)
    """Field kind → line of the annotation that gave it (when not the item's own line)."""
    more: list[str] = field(default_factory=list)
    """Paragraphs that continued the item (a wrapped line)."""
    more_at: list[int] = field(default_factory=list)
    """The line of each paragraph in ``more``."""
    more_ann: bool = False
    """The units came with a continuing paragraph, not with the marker line."""
    drop: tuple[int, int] | None = None
    """A span of ``text + "".join(more)`` that gave roles and is not the task's text: a paragraph's
    leading "由X副市长负责，Y牵头，Z配合，" (:func:`.textrules.leading_roles`)."""
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None
    kind: str = ""
    """"task", "heading" or "" (decided after reading)."""
    carries: rules.Annotation | None = None
    """What a heading gives the tasks under it (its units, or a lead heading's leaders/units)."""
    lead_heading: bool = False
    was_split: bool = False
    cut: bool = False
    """The text's last item, ending inside a sentence: the copy may be cut (no task without units)."""

    @property
    def closed(self) -> bool:
        return self.ann is not None and self.ann.names_units

    def add(self, ann: rules.Annotation, line: int) -> None:
        if self.ann is None:
            self.ann = rules.Annotation()
        self.ann.merge(ann)
        if line != self.line:
            for kind in ann:
                self.where.setdefault(kind, line)
        self.last = max(self.last, line)


@dataclass
class Outline:
    """What the task list of a notice holds."""

    start: int
    """Index (in the lines) of the first line of the first block with tasks."""
    drafts: list[DraftTask]
    issues: list[Issue]
    remarks: list[str]
    """Remarks on how units are listed, taken out of unit lists (“除标注外，列第一位的为牵头单位”)."""


# --- reading -----------------------------------------------------------------------------
def _pieces(lines: Lines) -> Lines:
    return [(no, part) for no, s in lines for piece in rules.run_on(s) for part in rules.after_annotations(piece)]


def _role(lines: Lines, i: int) -> str:
    """"end" where a block ends (附件, 抄送, 联系人, a date, a signature above a date, a list's title),
    "chrome", or ""."""
    s = lines[i][1]
    role = rules.line_role(s)
    if role == "signature":
        return "end" if i + 1 < len(lines) and rules.is_date(lines[i + 1][1]) else ""
    if not role and len(s) >= 8 and rules.is_title(s) and _LIST_TITLE.search(s) and rules.marker(s) is None:
        return "end"
    return role


def _blocks(lines: Lines) -> Iterator[Lines]:
    """The lines of each block, page chrome left out."""
    block: Lines = []
    for i in range(len(lines)):
        role = _role(lines, i)
        if role == "end":
            if block:
                yield block
            block = []
        elif role != "chrome":
            block.append(lines[i])
    if block:
        yield block


_PROGRESS = re.compile(r"(?:此|该|本)(?:项|件)(?:工作|任务|实事|项目)?(?:已|正在|目前|尚|未|基本|全面)|已完成|截至|截止")
"""The start of a paragraph that reports a task's progress, in a report written as prose."""
_CATEGORY = re.compile(r"【[^【】]{2,12}】$")
"""A category written as a bracketed word ("【公共设施】"), not a remark."""


def _is_topic(body: str, nxt: str | None, last: Item | None, stack: list[Item]) -> bool:
    """A short line with no sentence mark (a short one may end in 。) right before a marker line,
    under a heading and not inside an open sentence (a bracketed line is a remark, a line above the
    first heading a title; a 【category】 is a topic also above the first heading)."""
    category = body[0] == "【" and _CATEGORY.match(body) is not None
    words = body  # a short line may end in 。 ("着力扩大有效投资。"), unless it says what the leader above does
    if body.endswith("。") and len(body) <= 20 and not (last is not None and rules.lead_heading(last.text)):
        words = body[:-1]
    if nxt is None or len(body) > 30 or any(c in _STOPS for c in words) or body[0] in "（(【[〔" and not category:
        return False
    mark = rules.marker(nxt)
    if mark is None or not category and not any(
            x.style != _ROOT and x.rank < rules.MARKER_RANKS[mark.style] - 0.5 for x in stack):
        return False
    if last is None or last.closed or last.style == _ROOT:
        return True
    text = last.more[-1] if last.more else last.text
    return text.rstrip().endswith(("。", "！", "？")) or not any(c in _STOPS for c in text)


class _Reader:
    """Reads one block into a tree of items."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.root = Item(_ROOT)
        self.stack: list[Item] = [self.root]
        self.last: Item | None = None
        self.issues: list[Issue] = []

    def read(self, lines: Lines) -> Item:
        for i, (no, s) in enumerate(lines):
            self._line(no, s, lines[i + 1][1] if i + 1 < len(lines) else None)
        return self.root

    def _push(self, item: Item) -> None:
        while self.stack[-1].rank >= item.rank:
            self.stack.pop()
        self._child(self.stack[-1], item)
        self.stack.append(item)

    @staticmethod
    def _child(parent: Item, item: Item) -> None:
        item.parent = parent
        parent.children.append(item)

    def _line(self, no: int, s: str, nxt: str | None) -> None:
        body, ann = rules.split_annotation(s)
        mark = rules.marker(body) if body else None
        last = self.last
        leading = rules.leading_roles(mark.rest if mark is not None else body) if ann is None and body else None
        if leading is not None:
            ann = leading[1]
        if mark is not None:
            item = _marker_item(mark, body, no)
            item.ann = ann  # the line's own annotation (split_annotation made it for this line alone)
            if leading is not None:
                item.drop = (0, leading[0])
            if mark.style in [open_.style for open_ in self.stack[1:]]:
                while self.stack[-1].style != mark.style:
                    self.stack.pop()
                self.stack.pop()  # a sibling of the open item of its style
            self._push(item)
            self.last = item
        elif not body and ann is not None:
            if last is None:  # before any item: a stray unit annotation, or the preamble ("工作目标：…")
                if ann.names_units:
                    self.issues.append(_skipped(self.file, no, s, "是单位标注，但前面没有任务", Severity.WARNING))
                return
            group = (_above(last) if "above" in ann else _group_of(last)) if ann.names_units else [last]
            for item in group:
                item.add(ann, no)
            self.last = group[-1]  # the item above, or the last of its paragraphs made items by _above
        elif ann is None and last is not None and last.closed and _PROGRESS.match(body):
            progress = rules.Annotation()  # "此项工作已完成。截至12月底，…" after a task: its progress
            progress.add("progress", body)
            last.add(progress, no)
        elif ann is None and _is_topic(body, nxt, last, self.stack):
            assert nxt is not None
            nxt_mark = rules.marker(nxt)
            assert nxt_mark is not None
            topic = Item(_TOPIC, text=body, line=no, last=no, head=body.rstrip("。"),
                         rank=rules.MARKER_RANKS[nxt_mark.style] - 0.5)
            self._push(topic)
            self.last = topic
        elif last is not None and last.style not in (_ROOT, _TOPIC) and not last.closed and not _unit_heading(last):
            last.more_at.append(no)
            if leading is not None:
                at = len(last.text) + sum(map(len, last.more))
                last.drop = (at, at + leading[0])
            last.more.append(body)
            last.last = no
            if ann is not None:
                last.add(ann, no)
                last.more_ann = last.closed
        elif last is None and (ann is None or not ann.names_units):
            return  # the preamble
        else:
            para = Item(_PARA, text=body, line=no, last=no, ann=ann, drop=(0, leading[0]) if leading else None)
            parent = last if last is not None and last.more_ann else (
                last.parent if last is not None and last.parent is not None else self.stack[-1])
            if last is not None and (last.style == _TOPIC or _unit_heading(last)):
                parent = last
            self._child(parent, para)
            self.last = para


def _unit_heading(item: Item) -> bool:
    """A marker line that only says which unit leads ("（一）省监察厅牵头的工作"): the paragraphs
    after it are its items, not its text."""
    if item.more or item.children or item.style == _PARA:
        return False
    lead = rules.lead_heading(rules.without_count(item.text))
    return lead is not None and lead.names_units


def _above(last: Item) -> list[Item]:
    """The items a line of roles for "the items above" applies to ("上述项目由区商务委牵头负责。"): the
    item above it and, back to the last item with units, the items beside it. Paragraphs that were
    read as one item's wrapped lines are items of their own when each ends a sentence."""
    if last.parent is None or last.closed:
        return [last]
    if last.more and last.drop is None and all(p.rstrip(rules.WS).endswith(_SENTENCE_ENDS) for p in (last.text, *last.more)):
        last = _paragraphs(last)[-1]
    assert last.parent is not None
    siblings = last.parent.children
    run: list[Item] = []
    for s in reversed(siblings[:siblings.index(last) + 1]):
        if s.closed or s.style == _TOPIC:
            break
        run.append(s)
    return run[::-1]


_SENTENCE_ENDS = ("。", "！", "？")


def _paragraphs(item: Item) -> list[Item]:
    """An item's continuing paragraphs as items of their own: under it (a numbered item then heads
    them) or, for a paragraph, beside it."""
    paras = [Item(_PARA, text=p, line=no, last=no) for p, no in zip(item.more, item.more_at)]
    item.more, item.more_at, item.last = [], [], item.line
    parent = item if item.style != _PARA else item.parent
    assert parent is not None
    at = len(parent.children) if parent is item else parent.children.index(item) + 1
    for n, para in enumerate(paras):
        para.parent = parent
        parent.children.insert(at + n, para)
    return paras


def _group_of(last: Item) -> list[Item]:
    """The items a responsibility line on its own applies to: the item above it, or all the numbered
    items above it when none of their level has units yet ("1.… 2.… 3.…" then "牵头单位：…")."""
    if last.closed or last.parent is None or last.style in (_PARA, _TOPIC, _ROOT) or last.children:
        return [last]
    siblings = last.parent.children
    run = [s for s in siblings if s.style == last.style]
    if len(run) < 2 or any(s.closed or s.children for s in siblings) or any(s.style == _PARA for s in siblings):
        return [last]
    return run


def _marker_item(mark: rules.Marker, body: str, no: int) -> Item:
    head, count = rules.split_count(body)
    title = mark.rest.find("。")
    if 0 < title <= 30 and len(mark.rest) - title > 8:  # "五、加强公共服务设施建设。改建菜市场4家；…": its title
        head = body[:len(body) - len(mark.rest) + title]
    return Item(mark.style, number=mark.number, text=mark.rest, line=no, last=no, head=head.rstrip("。"), count=count,
                rank=rules.MARKER_RANKS[mark.style])


def _skipped(file: str, line: int, text: str, why: str, severity: Severity) -> Issue:
    return Issue(code=codes.ROW_SKIPPED, severity=severity, where=CellRef(file=file, row=line),
                 message=f"该行{why}，未导入：“{text[:60]}”")


# --- deciding -----------------------------------------------------------------------------
def _carries(item: Item) -> None:
    """Top-down: what each heading gives the tasks under it."""
    for child in item.children:
        if child.style not in (_PARA, _TOPIC):
            lead = rules.lead_heading(rules.without_count(child.text))
            if lead is not None and child.children:
                child.carries, child.lead_heading = lead, True
            elif child.children and child.ann is not None:
                if child.closed and not any(c.closed for c in _walk(child) if c is not child):
                    child.carries = child.ann  # units on a heading whose items have none
                elif shared := {k: v for k in _SHARED if (v := child.ann.get(k))}:
                    child.carries = rules.Annotation(shared)  # its units reach no item: its leaders and deadline do
        _carries(child)


_SHARED = ("leaders", "deadline")
"""What a heading's annotation gives the items under it when its units do not (the items name their
own, or the heading names none)."""


def _walk(item: Item) -> Iterator[Item]:
    """The item and all below it, in document order."""
    todo = [item]
    while todo:
        item = todo.pop()
        yield item
        todo += reversed(item.children)


def _split(item: Item) -> None:
    """A heading that first continued with an annotated paragraph: that paragraph is its first item."""
    para = Item(_PARA, text="".join(item.more), line=item.more_at[0], last=item.last, ann=item.ann, parent=item)
    para.where = {k: v for k, v in item.where.items() if v != para.line}
    if item.drop is not None and item.drop[0] >= len(item.text):
        para.drop = (item.drop[0] - len(item.text), item.drop[1] - len(item.text))
    item.children.insert(0, para)
    item.ann, item.more, item.more_ann, item.where, item.was_split = None, [], False, {}, True


def _mark(item: Item, units_above: bool) -> None:
    """Bottom-up: task, heading or neither."""
    here = units_above or (item.carries is not None and item.carries.names_units)
    for child in item.children:
        _mark(child, here)
    if any(c.style == _PARA and c.kind == "task" for c in item.children) and item.more_ann:
        _split(item)
        item.children[0].kind = "task"
    siblings = item.children
    split_styles = {c.style for c in siblings if c.was_split}
    for c in siblings:  # a lone annotated paragraph under a heading like its split siblings
        if c.kind == "task" and c.style in split_styles and c.more_ann and not c.children:
            _split(c)
            c.kind, c.children[0].kind = "heading", "task"
    has_task = any(c.kind == "task" and c.closed for c in siblings)
    unit_heading = item.lead_heading and item.carries is not None and item.carries.names_units
    for c in siblings:  # a numbered item without units beside a task, or under units (unless cut off); any
        # item under a heading that only says which unit leads ("（一）省监察厅牵头的工作")
        if (not c.kind and (c.style not in (_PARA, _TOPIC) or unit_heading and c.style == _PARA) and not c.children
                and (has_task or here) and not c.cut):
            c.kind = "task"
    if item.style == _ROOT:
        return
    if any(c.kind for c in item.children):
        item.kind = "heading"
    elif item.closed and item.style != _TOPIC:
        item.kind = "task"


# --- drafts ------------------------------------------------------------------------------
def _tasks(root: Item) -> Iterator[tuple[Item, tuple[Item, ...]]]:
    """(task, its headings from the top) in document order; the tasks under one heading share one tuple."""
    def walk(item: Item, above: tuple[Item, ...]) -> Iterator[tuple[Item, tuple[Item, ...]]]:
        for child in item.children:
            if child.kind == "task":
                yield child, above
            elif child.kind == "heading":
                yield from walk(child, (*above, child))
    yield from walk(root, ())


class _Drafter:
    """Makes the drafts of one notice's tasks; what the tasks under one heading share (their path,
    the headings that give fields) is worked out once per heading."""

    def __init__(self, file: str, restore: Restore) -> None:
        self.file, self.restore = file, restore
        self._above: dict[tuple[Item, ...], tuple[tuple[str, ...], list[Item]]] = {}

    def _shared(self, above: tuple[Item, ...]) -> tuple[tuple[str, ...], list[Item]]:
        """The path as written, and the headings that give fields, nearest first."""
        if above not in self._above:
            path = tuple(self.restore(h.head, h.line, 1) for h in above if not h.lead_heading)
            self._above[above] = path, [h for h in reversed(above) if h.carries is not None]
        return self._above[above]

    def draft(self, task: Item, above: tuple[Item, ...]) -> DraftTask:
        file, restore = self.file, self.restore
        path, carriers = self._shared(above)
        ann = task.ann or rules.Annotation()
        values: dict[str, tuple[list[str], int]] = {k: (v, 0) for k, v in ann.items()}
        own_lead, own_units = "lead" in values, ann.names_units or "coop" in values or "lead" in values
        units_from: Item | None = None
        for heading in carriers:  # the nearest heading that gives a field; units from one heading only:
            assert heading.carries is not None  # its lead when the task has none, its others when it names no unit
            for kind, given in heading.carries.items():
                if kind in ("lead", "coop"):
                    if (own_lead if kind == "lead" else own_units) or units_from not in (None, heading):
                        continue
                    units_from = heading
                values.setdefault(kind, (given, heading.line))
        text = task.text + "".join(task.more) if task.more else task.text
        refs: dict[str, CellRef | str] = {}
        draft = DraftTask(number=task.number, path=path, source=CellRef(file=file, row=task.line), refs=refs,
                          text=_text(task, text, restore))
        for kind, (vals, given_at) in values.items():  # (given_at: the line of the heading that gave it)
            if kind in ("remark", "above"):
                continue
            at = given_at or task.where.get(kind, task.line)
            lines = 1 if given_at else max(1, task.last - at + 1)
            if kind == "extra":  # "工作成果：…": a column of its own, under its label
                draft.extra += [(restore(label, at, lines), restore(value, at, lines))
                                for label, _, value in (v.partition("：") for v in vals)]
                continue
            setattr(draft, kind, _FIELD_SEPS.get(kind, "、").join([restore(v, at, lines) for v in vals]))
            if at != task.line:
                refs[kind] = CellRef(file=file, row=at)
        return draft


def _text(task: Item, text: str, restore: Restore) -> str:
    """The task's text as written, without the span that gave its roles."""
    span = task.last - task.line + 1
    if task.drop is None:
        return restore(text.strip(rules.WS), task.line, span)
    start, end = task.drop
    lead = len(text) - len(text.lstrip(rules.WS))
    written = restore(text.strip(rules.WS), task.line, span)
    return (written[:max(0, start - lead)] + written[max(0, end - lead):]).strip(rules.WS)


def _counts(root: Item, file: str, restore: Restore) -> list[Issue]:
    out: list[Issue] = []
    for item in _walk(root):
        if item.kind != "heading" or item.count is None:
            continue
        found = sum(1 for i in _walk(item) if i.kind == "task")
        if found != item.count:
            msg = (f"标题“{restore(item.head, item.line, 1)}”注明 {item.count} 项，但其下找到 {found} 项任务（第 {item.line} 行），"
                   f"请核对是否漏项、多项或编号有误")
            out.append(Issue(code=codes.SECTION_COUNT, severity=Severity.WARNING, where=CellRef(file=file, row=item.line),
                             message=msg))
    return out


_ENDS = "。！？；!?;）)】」』”’…"


def _cut_off(item: Item | None, line: tuple[int, str]) -> None:
    """Mark the text's last numbered item when the copy seems cut inside it: its last line (``line``)
    stops inside a bracket ("…（责任单位：自治区科技"), or it has no units and its text stops inside a
    sentence ("3.健全应急指挥、疾病预防控制、健康")."""
    if item is None or item.style in (_ROOT, _TOPIC, _PARA) or item.children or item.last != line[0]:
        return
    text = (item.more[-1] if item.more else item.text).rstrip(rules.WS)
    unclosed = sum(map(line[1].count, rules.OPEN)) > sum(map(line[1].count, rules.CLOSE))
    item.cut = unclosed or not item.closed and bool(text) and text[-1] not in _ENDS


def _unused(item: Item, file: str, restore: Restore) -> Issue | None:
    """A heading's own annotation that went to no task (the tasks under it name their own units)."""
    if item.ann is None or item.lead_heading:
        return None
    span = max(1, item.last - item.line + 1)
    carried: dict[str, list[str]] = item.carries or {}
    given = "；".join(f"{_KIND_LABELS[k]}：{'、'.join(restore(v, item.line, span) for v in vals)}"
                     for k, vals in item.ann.items() if k in _KIND_LABELS and k not in carried)
    if not given:
        return None
    head = restore(item.head, item.line, 1)
    return Issue(code=codes.ANNOTATION_UNUSED, severity=Severity.INFO, where=CellRef(file=file, row=item.line),
                 message=f"标题“{head[:40]}”的标注（{given}）未用于其下任务（其下任务各有单位），请核对是否应写入各项任务")


_KIND_LABELS = dict(STANDARD_COLUMNS) | {"progress": PROGRESS_LABEL}
"""The standard workbook's label of each field an annotation gives."""


def _not_imported(root: Item, file: str, first: int, last: int, restore: Restore) -> list[Issue]:
    """The numbered lines of the block before the list, counted in one INFO issue; the items inside
    it that are neither task nor heading (those after it: INFO); headings' annotations that went to
    no task (INFO)."""
    out: list[Issue] = []
    before: list[int] = []
    for item in _walk(root):
        if item.kind == "heading":
            if (unused := _unused(item, file, restore)) is not None:
                out.append(unused)
            continue
        if item.kind or item.style in (_ROOT, _TOPIC):
            continue
        if item.line < first:
            if item.style != _PARA:
                before.append(item.line)
            continue
        text = restore(item.head if item.style != _PARA else item.text, item.line, 1)  # quoted as written
        if item.cut:
            out.append(_skipped(file, item.line, text, "是全文最后一项，没有单位标注，文字在句中断开（原文可能复制不全）",
                                Severity.WARNING))
        elif item.line < last:
            out.append(_skipped(file, item.line, text, "既不是任务也不是标题", Severity.WARNING))
        else:
            out.append(_skipped(file, item.line, text, "在最后一项任务之后，没有单位标注", Severity.INFO))
    if before:
        lines = "、".join(map(str, before[:10])) + ("等" if len(before) > 10 else "")
        out.insert(0, Issue(code=codes.ROW_SKIPPED, severity=Severity.INFO, where=CellRef(file=file, row=before[0]),
                            message=f"任务清单前的 {len(before)} 个编号行（第 {lines} 行）没有单位标注，视为说明文字，未作为任务导入"))
    return out


def read(lines: Lines, file: str, restore: Restore) -> Outline | None:
    """The tasks of a notice's folded lines; None when no block holds a task."""
    pieces = _pieces(lines)
    drafts: list[DraftTask] = []
    issues: list[Issue] = []
    remarks: list[str] = []
    start: int | None = None
    blocks = list(_blocks(pieces))
    for n, block in enumerate(blocks, 1):
        reader = _Reader(file)
        root = reader.read(block)
        if n == len(blocks):
            _cut_off(reader.last, block[-1])
        _carries(root)
        _mark(root, False)
        found = list(_tasks(root))
        if not found:
            continue
        if start is None:
            start = next(i for i, (no, _) in enumerate(lines) if no >= block[0][0])
        tasks = [t for t, _ in found]
        issues += reader.issues + _counts(root, file, restore) + _not_imported(root, file, tasks[0].line, tasks[-1].line, restore)
        drafter = _Drafter(file, restore)
        for task, above in found:
            drafts.append(drafter.draft(task, above))
            if task.cut:
                issues.append(Issue(code=codes.TEXT_CUT, severity=Severity.WARNING, where=CellRef(file=file, row=task.last),
                                    message=f"全文最后一项任务（{task.number + '，' if task.number else ''}第 {task.line} 行）"
                                            f"在句中或括号中断开（原文可能复制不全），已导入，请对照原文补全任务内容和单位"))
            for value in task.ann.get("remark", []) if task.ann is not None else ():
                if value not in remarks:
                    remarks.append(value)
    if start is None:
        return None
    return Outline(start, drafts, sorted(issues, key=lambda i: i.where.row if i.where and i.where.row else 0),
                   remarks)

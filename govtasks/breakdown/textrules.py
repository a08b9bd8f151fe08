"""Line rules of the text importer: numbering, headings, unit annotations,
page chrome and the end of the task list. Pure; no I/O.

Each function looks at one cleaned line (or one sentence) and says what it is;
:mod:`govtasks.breakdown.outline` decides what to do with it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from govtasks.breakdown.units import split_outside_brackets

WS = " \t\r\n\u00a0\u2002\u2003\u3000\ufeff"
OPEN = "（(【[〔［"
CLOSE = "）)】]〕］"
_VALUE_STRIP = WS + ",，;；、。.:："
_CN = "一二三四五六七八九十百零〇"

# --- punctuation width -------------------------------------------------------------
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019"
_HAS_CJK = re.compile(f"[{_CJK}]")
_FULL = ((",", "，"), (":", "："), (";", "；"), ("!", "！"), ("?", "？"), ("(", "（"), (")", "）"))
# A mark with no Chinese neighbour stays ASCII ("1,000", "12:30"); the leading
# class lets the regex engine skip ahead to the next mark.
_KEEP_MARK = re.compile(f"[,:;!?](?<![{_CJK}][,:;!?])(?![{_CJK}])")
_ASCII_PAIR = re.compile(f"\\([^(){_CJK}\n]*\\)")


def full_width(text: str) -> str:
    """ASCII , : ; ! ? ( ) in Chinese text → the full-width forms of official documents.

    A mark stays ASCII when neither neighbour is Chinese ("1,000", "12:30", so
    text without Chinese is unchanged), and a bracket pair when it encloses
    non-Chinese text and neither neighbour outside it is Chinese ("see (a)").
    Everything else becomes full-width: "(1)聚焦" → "（1）聚焦", "各乡镇(街道)" →
    "各乡镇（街道）". Works on whole texts (one pass, not per line).
    """
    keep = [m.start() for m in _KEEP_MARK.finditer(text)]
    for m in _ASCII_PAIR.finditer(text):
        if not _cjk(text, m.start() - 1) and not _cjk(text, m.end()):
            keep += (m.start(), m.end() - 1)
    out = text
    for mark, full in _FULL:
        if mark in out:
            out = out.replace(mark, full)
    if not keep:
        return out
    pieces: list[str] = []
    last = 0
    for i in sorted(keep):
        pieces += (out[last:i], text[i])
        last = i + 1
    return "".join(pieces) + out[last:]


def _cjk(text: str, i: int) -> bool:
    """Whether text[i] exists and is Chinese (CJK character or punctuation)."""
    if i < 0 or i >= len(text):
        return False
    c = text[i]
    return "\u3000" <= c <= "\u9fff" or "\uf900" <= c <= "\uffef" or c in "“”‘’"


# --- numbering and headings ---------------------------------------------------
_NUMBER_FIRST = tuple("0123456789（(")
_NUMBER = re.compile(r"(?:(\d{1,4})\s*[.、．](?!\d)|[（(]\s*(\d{1,4})\s*[）)])\s*")
_HEADINGS = (
    (0, re.compile(rf"第[{_CN}]+(?:部分|章|篇|方面)\s*[、.．:：]?\s*")),
    (1, re.compile(rf"[{_CN}]+\s*[、.．]\s*")),
    (2, re.compile(rf"[（(]\s*[{_CN}]+\s*[）)]\s*")),
)
# "(13项)", "（共13项）", and the scrape's "支柱13项)" (opening bracket lost)
_COUNT = re.compile(r"\s*(?:[（(]\s*共?\s*(\d{1,4})\s*[项項]\s*[）)]?|共?\s*(\d{1,4})\s*[项項]\s*[）)]|共\s*(\d{1,4})\s*[项項])\s*$")
_STOPS = "。！？!?"


class Numbered(NamedTuple):
    """A line that starts with a task number: ``1.`` ``1、`` ``1．`` (dot) or ``（1）`` ``(1)`` (paren)."""

    number: str
    style: str
    rest: str


class Heading(NamedTuple):
    """A section heading; ``text`` is as written without the count, ``stated`` the count "(N项)"."""

    rank: int
    text: str
    stated: int | None


def numbered(line: str) -> Numbered | None:
    """The task number of a line, or None."""
    if line[:1] not in _NUMBER_FIRST:
        return None
    m = _NUMBER.match(line)
    if m is None or m.end() == len(line):
        return None
    if m.group(1):
        return Numbered(m.group(1), "dot", line[m.end():])
    return Numbered(m.group(2), "paren", line[m.end():])


def _count(text: str) -> re.Match[str] | None:
    """The stated count ending a text: searched in its last 32 characters only (a count is short;
    a search from every position of a long line is slow), and only when 项 occurs."""
    if "项" not in text and "項" not in text:
        return None
    return _COUNT.search(text, max(0, len(text) - 32))


def split_count(text: str) -> tuple[str, int | None]:
    """A heading's words without its stated count, and that count ("县示范区管委会牵头工作（8项）" →
    ("县示范区管委会牵头工作", 8); "已完成任务共2项" → ("已完成任务", 2)); (text, None) without one."""
    count = _count(text)
    if count is None:
        return text, None
    return text[: count.start()].rstrip(WS + "。，,"), int(count.group(1) or count.group(2) or count.group(3))


def without_count(text: str) -> str:
    """A heading's words without its stated count (:func:`split_count`)."""
    return split_count(text)[0]


def heading(line: str) -> Heading | None:
    """A section heading (第一部分 / 一、 / （一）) without sentences after it, or None.

    "一、以目标倒逼落实。各单位要…" (a paragraph of a notice's requirements) is
    not a heading: a heading has no sentence end except at its very end.
    """
    for rank, pattern in _HEADINGS:
        m = pattern.match(line)
        if m is None:
            continue
        body = line[m.end():].rstrip(_STOPS)
        if any(c in _STOPS for c in body) or len(line) > 80:
            return None
        count = _COUNT.search(line)
        if count is None:
            return Heading(rank, line.rstrip("。"), None)
        return Heading(rank, line[: count.start()].rstrip(WS + "。，,"), int(count.group(1) or count.group(2)))
    return None


# --- outline markers ------------------------------------------------------------
MARKER_RANKS = {"part": 0, "cn": 1, "pcn": 2, "dot": 3, "paren": 4, "circled": 5}
"""How markers nest (GB/T 9704): 第一部分 > 一、 > （一） > 1. > （1） > ①."""
_MARKERS = (
    ("part", re.compile(rf"第([{_CN}]+)(?:部分|章|篇|方面)\s*[、.．:：]?\s*")),
    ("cn", re.compile(rf"(?:第([{_CN}]+)(?:条|项)?\s*[、.．:：，]|第([{_CN}]+)(?:条|项)\s+|([{_CN}]+)\s*[、.．])\s*")),
    ("pcn", re.compile(rf"[（(]\s*([{_CN}]+)\s*[）)]\s*")),
    ("dot", re.compile(r"(?:(\d{1,4})\s*[.、．﹒](?!\d)|(\d{1,3})[ \u3000]+(?=[\u4e00-\u9fff“]))\s*")),
    ("paren", re.compile(r"[（(]\s*(\d{1,4})\s*[）)]\s*")),
    ("circled", re.compile(r"([①-⑳])\s*")),
)
_STYLES_BY_FIRST = {"第": ("part", "cn"), "（": ("pcn", "paren"), "(": ("pcn", "paren")} | {
    c: ("dot",) for c in "0123456789"} | {c: ("cn",) for c in _CN} | {c: ("circled",) for c in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"}
_PATTERN = dict(_MARKERS)
_MARKERS_BY_FIRST = {c: tuple((style, _PATTERN[style]) for style in styles) for c, styles in _STYLES_BY_FIRST.items()}
"""The patterns a line can match, by its first character (each pattern's first character decides), in
the order of :data:`_MARKERS`."""
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


class Marker(NamedTuple):
    """The numbering a line starts with: its style (:data:`MARKER_RANKS`), its number as written,
    its value, and the rest of the line."""

    style: str
    number: str
    value: int
    rest: str


def numeral(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103; 0 when not a Chinese numeral."""
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 1 and "①" <= text <= "⑳":
        return ord(text) - ord("①") + 1
    total, digit = 0, 0
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c == "十":
            total += (digit or 1) * 10
            digit = 0
        elif c == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            return 0
    return total + digit


def marker(line: str) -> Marker | None:
    """The marker a line starts with (with text after it), or None."""
    for style, pattern in _MARKERS_BY_FIRST.get(line[:1], ()):
        m = pattern.match(line)
        if m is not None and m.end() < len(line):
            number = m[m.lastindex or 0]  # each alternative of a pattern has one group
            value = numeral(number)
            if style == "circled":
                number = str(value)  # ① is the first item: its number is 1
            return Marker(style, number, value, line[m.end():]) if value else None
    return None


_NEXT_MARKER = (rf"(?=第[{_CN}]+部分|[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[）)]|[（(]\d{{1,3}}[）)]"
                rf"|\d{{1,3}}[.、．﹒](?!\d)|[①-⑳])")
_RUN_ON_MARKS = "。；！？）]】"
_RUN_ON = re.compile(rf"(?:[{re.escape(_RUN_ON_MARKS)}]|\s+){_NEXT_MARKER}")
_RUN_ON_NO_SPACE = re.compile(rf"[{re.escape(_RUN_ON_MARKS)}]{_NEXT_MARKER}")
"""_RUN_ON for a line without whitespace: a search for one character class is 3× faster."""


def run_on(line: str) -> list[str]:
    """A line that holds several numbered items, split into them.

    Scrapes lose line breaks: "（一）…。（省发改委负责）（二）…" and "一、加快提振市场信心 （一）全面
    促进消费增长。 1.把恢复…". A line is split before a marker that follows a space, and before
    one that follows 。/）and continues the numbering of the piece before it (（一） → （二）).
    """
    if len(line) < 40:
        return [line]
    pieces: list[str] = []
    start = 0
    current: Marker | None | bool = False  # False: not looked at yet
    spaces = len(line.split(None, 1)) > 1 or line[:1].isspace()  # (split ignores leading white space)
    for m in (_RUN_ON if spaces else _RUN_ON_NO_SPACE).finditer(line):
        at = m.end()
        if at <= start or at >= len(line):
            continue
        nxt = marker(line[at:])
        if nxt is None or len(nxt.rest) < 2:
            continue
        spaced = m[0][0] not in _RUN_ON_MARKS
        if current is False:
            current = marker(line)
        if spaced or (isinstance(current, Marker) and nxt.style == current.style and nxt.value == current.value + 1):
            pieces.append(line[start:m.start() if spaced else at].strip(WS))
            start, current = at, nxt
    pieces.append(line[start:].strip(WS))
    return [p for p in pieces if p]


_LEADS_WORK = re.compile(r"^(?P<who>.{2,60}?)(?:牵头|主抓|负责|分管|领衔|联系)的?(?:重点)?(?:工作|任务|事项)(?:任务|清单)?$")
_PERSON_TITLE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4}?)(?:同志)?(?:常务)?副?(?:省长|市长|区长|县长|州长|盟长|旗长|镇长|乡长|"
                           r"主任|书记|秘书长|局长|(?:[省市区县州旗]政府)?党组(?:成员|副?书记))$")


def lead_heading(text: str) -> Annotation | None:
    """What a heading that names who leads gives the tasks under it: "王宏副市长牵头重点工作" →
    leaders 王宏; "县示范区管委会牵头工作" → lead 县示范区管委会. None for other headings."""
    text = text.strip(WS).rstrip("。：:")
    if len(text) > 80 or not text.endswith(("工作", "任务", "事项", "清单")):  # a task's text, not such a heading
        return None
    m = _LEADS_WORK.match(text)
    if m is None:
        return None
    who = m.group("who")
    ann = Annotation()
    names = [n for n in re.split(r"[、，,和]", who) if n]
    persons = [p.group("name") for n in names if (p := _PERSON_TITLE.match(n))]
    if persons and len(persons) == len(names):
        for name in persons:
            ann.add("leaders", name)
        return ann
    units = _unit_list(who)
    if units:
        ann.add("lead", units)
        return ann
    return None


# --- unit annotations -----------------------------------------------------------
# Labels of annotation fields (the text is folded to simplified characters before it is read). A
# label is recognised by its end, so 市级牵头单位 and 省牵头单位 are 牵头单位; "duty" labels hold a
# verb form (部门分工：A牵头，B配合) read by the unit splitter; "note" fields go to 备注; "extra" fields (the
# task's expected result, target or standard: 工作成果：…) are kept under their label as the task's
# other columns (Task.extra), not in its text.
_LABELS = {
    "lead": ("牵头责任单位", "牵头单位", "主办单位", "主责单位", "牵头部门", "主责部门", "主办部门", "牵头责任部门"),
    "coop": ("协同责任单位", "责任单位", "配合单位", "协办单位", "参与单位", "协同单位", "责任部门", "配合部门",
             "协同部门", "协办部门", "参与部门"),
    "duty": ("部门分工", "责任分工", "任务分工"),
    "leaders": ("牵头区领导", "牵头市领导", "牵头县领导", "责任领导", "牵头领导", "分管领导", "负责领导",
                "分管省领导", "分管市领导", "分管区领导", "分管县领导", "联系领导", "领衔领导", "包联领导"),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限要求"),
    "persons": ("责任人",),
    "progress": ("完成情况", "进展情况", "落实情况", "推进情况", "工作进展"),
    "note": ("数据提供单位", "数据来源单位", "数据来源", "备注"),
    "extra": ("工作成果", "预期成果", "阶段成果", "成果形式", "工作目标", "预期目标", "年度目标", "具体目标", "任务目标", "目标要求",
              "工作要求", "完成要求", "完成标准", "验收标准", "完成标志", "考核指标", "量化指标"),
}
_SENTENCES = ("progress", "extra")
"""Kinds whose values are sentences: they keep their final 。."""
_SENTENCE_STRIP = WS + ",，;；、:："
_KIND = {label: kind for kind, labels in _LABELS.items() for label in labels}
_LABEL_LENGTHS = sorted({len(k) for k in _KIND}, reverse=True)
_LEAD_VERB = re.compile(
    r"(?:^|[。；;，,])\s*(?P<lead>[^。；;，,]{2,200}?)(?:分别|共同)?(?:牵头|主办)(?:负责|抓总)?"
    r"(?:\s*[，,、；;]\s*(?P<coop>[^。；;]{2,400}?)(?:按职责分工负责|分工负责|分别负责|共同负责|配合|协同|参与|协助|协办)(?:落实|实施|推进)?)?"
    r"\s*[。；;]?\s*$")
_DUTY_VERB = re.compile(r"(?:^|[。；;，,])\s*(?P<coop>[^。；;，,]{2,400}?)(?P<verb>按职责分工负责|分工负责|分别负责|负责)\s*[。；;]?\s*$")
_UNIT_END = tuple("局委办府团司道位门会部院室社队所站行处组厅区镇乡县市馆校署联科股心)）")
_TRAIL = WS + "。．.;；,，"
_ETC = re.compile(r"等(?:相关|有关)?(?:部门|单位)?$")
# A remark in a unit list, at its end or after its first unit: "（除标注为“牵头”单位外，列第一位的为牵头
# 或汇总单位，下同）", "县发改局（首位单位为牵头单位，下同）、县财政局"
_REMARK = re.compile(r"[（(](?=[^（）()]*(?:下同|除[^（）()]*外|第一位|首位|为牵头|为主办|汇总单位))[^（）()]*[）)]")
FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?(?:第一|首)(?:位|个)的?(?:单位)?(?:为|是)(?:牵头|主办|汇总)"
                         r"|第一(?:个|家)?(?:单位)?(?:为|是)牵头单位|首位(?:单位)?(?:为|是)(?:牵头|主办)")
"""A notice's statement that the first unit listed leads (lead="first" for that notice)."""


class Annotation(dict[str, list[str]]):
    """Field kind → values as written, in order. Kinds: lead, coop, leaders, deadline, persons,
    progress, note, extra ("label：value"), remark (a note on how units are listed, taken out of a
    unit list) and above (the words that make a line's roles those of the items above it: 上述项目)."""

    __slots__ = ()

    def add(self, kind: str, value: str) -> None:
        """Add a value, stripped, without brackets left over at its ends (progress and extra texts
        keep their final 。)."""
        value = value.strip(_VALUE_STRIP if kind not in _SENTENCES else _SENTENCE_STRIP)
        if value and (value[-1] in CLOSE or value[0] in OPEN):
            value = _unwrap(value)
        if kind in ("lead", "coop") and ("）" in value or ")" in value) and (m := _REMARK.search(value)):
            self.setdefault("remark", []).append(m.group(0))
            value = (value[: m.start()] + value[m.end():]).strip(_VALUE_STRIP)
        if value:
            self.setdefault(kind, []).append(value)

    def merge(self, other: Annotation) -> None:
        for kind, values in other.items():
            self.setdefault(kind, []).extend(values)

    @property
    def names_units(self) -> bool:
        """Whether the annotation names lead or cooperating units."""
        return "lead" in self or "coop" in self


def _unwrap(value: str) -> str:
    """Drop brackets left over at the ends of a value ("A）" from "（牵头单位：A）完成时限…")."""
    while value and value[-1] in CLOSE and value.count(OPEN[CLOSE.index(value[-1])]) < value.count(value[-1]):
        value = value[:-1].rstrip(_VALUE_STRIP)
    while value and value[0] in OPEN and value.count(value[0]) > value.count(CLOSE[OPEN.index(value[0])]):
        value = value[1:].lstrip(_VALUE_STRIP)
    return value


def _labels(text: str) -> list[tuple[int, int, str]]:
    """(label start, value start, field kind) of every "label：" / "label:" in the text."""
    found: list[tuple[int, int, str]] = []
    for colon in ("：", ":"):
        c = text.find(colon)
        while c >= 0:
            window = max(0, c - 8)
            before = text[window:c].rstrip(WS) if text[c - 1:c] in WS else text[window:c]
            key = next((k for n in _LABEL_LENGTHS if (k := before[-n:]) in _KIND), "")
            if key:
                start = window + len(before) - len(key)
                kind = _KIND[key]  # (an extra field's label has no qualifier: "…莲塘镇任务目标：" ends a unit list)
                found.append((_qualified(text, start) if kind != "extra" else start, c + 1, kind))
            c = text.find(colon, c + 1)
    return sorted(found) if len(found) > 1 and "：" in text and ":" in text else found


def _qualified(text: str, start: int) -> int:
    """The start of a label with its qualifier: 市级牵头单位, 牵头负责领导, 分管副市长 (up to 4
    characters back to the start of the text or a mark; else the label alone)."""
    j = start
    while j > 0 and start - j < 4 and "\u4e00" <= text[j - 1] <= "\u9fff":
        j -= 1
    return j if j == 0 or not "\u4e00" <= text[j - 1] <= "\u9fff" else start


_RESPONSIBLE = ("责任单位", "责任部门")


def _labelled(body: str, labels: list[tuple[int, int, str]]) -> Annotation:
    """Fields of "主办单位:A;协办单位:B" in any order; an unlabelled ;-part after units is 协办.

    A duty field (部门分工：A牵头，B配合) is a cooperating-unit cell whose verbs mark the lead
    (:func:`govtasks.breakdown.units.split_units`); a note field keeps its label (数据提供单位：市统计局).
    Beside a 配合单位 / 协办单位 label and with no lead label, 责任单位 are the lead.
    """
    ann = Annotation()
    kinds = [kind for _, _, kind in labels]
    names = [body[start:value_start - 1].rstrip(WS) for start, value_start, _ in labels]
    # "责任单位：A 配合单位：B" with no lead label: the responsible units lead, the others cooperate
    responsible_lead = "lead" not in kinds and any(n.endswith(_RESPONSIBLE) for n in names) and any(
        k == "coop" and not n.endswith(_RESPONSIBLE) for n, k in zip(names, kinds))
    for i, (start, value_start, kind) in enumerate(labels):
        end = labels[i + 1][0] if i + 1 < len(labels) else len(body)
        value = body[value_start:end].rstrip(_VALUE_STRIP if kind not in _SENTENCES else WS + ",，;；、")
        if kind in ("note", "extra"):
            value = value.strip(_VALUE_STRIP if kind == "note" else _SENTENCE_STRIP)
            ann.add(kind, f"{body[start:value_start - 1].strip(WS)}：{value}")
            continue
        if kind == "duty" and (roles := _clauses(value, need_units=False)) is not None:  # "吕维峰副省长负责，省农委总牵头"
            ann.merge(roles)  # a remark in it ("下同") is said in the import summary, as a bracket's is
            continue
        kind = "coop" if kind == "duty" else kind
        if responsible_lead and names[i].endswith(_RESPONSIBLE):
            kind = "lead"
        first, *more = ([piece for piece, _ in split_outside_brackets(value, ";；")]
                        if (";" in value or "；" in value) else (value,))
        ann.add(kind, first)
        for piece in more:
            ann.add("coop" if kind in ("lead", "coop") else kind, piece)
    return ann


_BY = re.compile(r"^(?P<above>(?:上述|以上|前述|上列)[^，,。；;：:]{0,8}?)?由")
"""The words before a verb's subject: "由市发改委牵头", "上述项目由区商务委牵头负责" (the items above)."""


def _unit_list(text: str) -> str | None:
    """The list without a trailing 等 (and without a leading 由), when every item looks like a unit name."""
    text = _ETC.sub("", text.strip(WS))
    if text[:1] in "由上以前" and (by := _BY.match(text)):
        text = text[by.end():]
    names = [n for n in re.split(r"[、，,]", text) if n.strip()]
    if not names or any(not n.strip().endswith(_UNIT_END) for n in names):
        return None
    return text


def _verb(text: str, bracketed: bool = False) -> tuple[int, Annotation] | None:
    """"A牵头，B配合" / "A主办，B协办" / "A按职责分工负责" at the end of ``text``: (start, annotation).

    A bare "A负责" / "A分别负责" counts only in brackets ("（省发改委负责）"): in a sentence it is
    part of the task ("…由区政府负责").
    """
    if "牵头" not in text and "主办" not in text and "负责" not in text:
        return None
    m = _LEAD_VERB.search(text)
    if m is not None:
        lead, coop = _unit_list(m.group("lead")), m.group("coop")
        coop_units = _unit_list(coop) if coop else ""
        if lead and coop_units is not None:
            ann = Annotation()
            ann.add("lead", lead)
            ann.add("coop", coop_units)
            if (by := _BY.match(m.group("lead").strip(WS))) and by.group("above"):
                ann["above"] = [by.group("above")]
            return m.start("lead"), ann
    m = _DUTY_VERB.search(text)
    if m is not None and (bracketed or m.group("verb") == "按职责分工负责") and (units := _unit_list(m.group("coop"))):
        ann = Annotation()
        ann.add("coop", units)
        return m.start("coop"), ann
    return None


def _trailing_group(line: str) -> tuple[int, int] | None:
    """(open, close+1) of the bracket group ending the line (after 。；), or None.

    The group's opening bracket is the one of the same kind as its closing
    bracket that balances it ("（主办单位：…各乡镇（街道））"); brackets of other
    kinds inside it do not count.
    """
    end = len(line.rstrip(_TRAIL)) if line[-1:] in _TRAIL else len(line)
    if end == 0 or line[end - 1] not in CLOSE:
        return None
    close = line[end - 1]
    opener = OPEN[CLOSE.index(close)]
    o = line.rfind(opener, 0, end - 1)
    while o >= 0:
        if line.count(opener, o, end) == line.count(close, o, end):
            return o, end
        o = line.rfind(opener, 0, o)
    return None


def _standard(content: str) -> Annotation | None:
    """Fast path for the common "label：units；label：units" (full-width, one label per part)."""
    ann = Annotation()
    kind = ""
    for part in content.split("；"):
        label, colon, value = part.partition("：")
        if colon:
            kind = _KIND.get(label.strip(WS), "")
            if not kind or "：" in value or kind == "extra":
                return None
        elif not kind:
            return None
        else:  # an unlabelled part after units: 协办 ("主办单位:A;各乡镇(街道)")
            value = part
            kind = "coop" if kind == "lead" else kind
        if value.count("（") != value.count("）"):
            return None
        value = value.strip(_VALUE_STRIP)
        if value:
            ann.setdefault(kind, []).append(value)
    return ann


def _bracketed(content: str) -> Annotation | None:
    if ":" not in content and ";" not in content and (ann := _standard(content)) is not None:
        return ann
    labels = _labels(content)
    if labels and not content[: labels[0][0]].strip(WS):
        return _labelled(content, labels)
    verb = _verb(content, bracketed=True)
    if verb is not None and not content[: verb[0]].strip(WS + "。，,；;"):
        return verb[1]
    return _clauses(content)


_POST = re.compile(r"(?:副?(?:省|市|区|县|州|盟|旗|镇|乡)长|秘书长|书记|领导)$")
_NOT_A_NAME = ("分管", "协管", "主管", "联系", "牵头", "负责", "责任", "包联", "挂点", "常务")
_CLAUSE_REMARK = re.compile(r"下同|不(?:再)?(?:逐一)?列出|^以下(?:均|各项)|第一位|为牵头|明确牵头|^其他(?:有关|相关)?(?:部门|单位)")
_CLAUSE = re.compile(r"(?P<who>.+?)(?:总?(?P<lead>牵头|主办)(?:负责)?|(?P<coop>配合|协办|协助|参与)|(?P<duty>(?:按职责)?分工负责|分别负责|共同负责|负责))"
                     r"(?:落实|实施|推进|办理)?"
                     r"|(?P<with_lead>.+?)会同(?P<with>.+?)(?:共同)?(?:负责)?(?:落实|实施|推进|办理)?")
"""One role: "A牵头" / "A总牵头" / "B配合" / "C负责落实" / "A会同B落实" (A leads, B cooperates)."""


def _clauses(content: str, *, need_units: bool = True) -> Annotation | None:
    """A bracket of clauses, each a role given by a verb, and remarks on how units are listed:
    "（分管副省长、协管副秘书长负责，省科技厅牵头。明确牵头部门的，其他有关部门配合，不逐一列出，
    下同）". Posts before 负责 are leaders, units before 负责 cooperate (the notice's own rule or
    the task's lack of a lead decides who leads). None unless every clause is one of these and
    some unit is named (or, with ``need_units`` False, some leader: a 任务分工 label's value)."""
    ann = Annotation()
    remarks: list[str] = []
    for clause in re.split(r"[。；;，,]", content):
        c = clause.strip(WS)
        if not c:
            continue
        if _CLAUSE_REMARK.search(c):
            remarks.append(c)
            continue
        labels = _labels(c) if "：" in c or ":" in c else []
        if len(labels) == 1 and labels[0][0] == 0 and labels[0][2] in ("lead", "coop"):
            ann.add(labels[0][2], c[labels[0][1]:])  # "…等按职责分工负责。责任单位：各县（市、区）人民政府"
            continue
        m = _CLAUSE.fullmatch(c)
        if m is None or not _add_role(m, ann):
            return None
    if remarks:  # one remark per bracket: "明确牵头部门的，其他有关部门配合，不逐一列出，下同"
        ann["remark"] = ["，".join(remarks)]
    return ann if ann.names_units or not need_units and "leaders" in ann else None


def _add_role(clause: re.Match[str], ann: Annotation) -> bool:
    """Add what one role clause (:data:`_CLAUSE`) gives: posts before 负责 are leaders, units lead
    (牵头/主办) or cooperate. False when its subject is neither posts nor units."""
    if clause.group("with_lead") is not None:  # "A会同B落实"
        lead, coop = _unit_list(clause.group("with_lead")), _unit_list(clause.group("with"))
        if lead is None or coop is None:
            return False
        ann.add("lead", lead)
        ann.add("coop", coop)
        return True
    who = clause.group("who")
    if clause.group("duty") and all(_POST.search(n) for n in who.split("、")):
        ann.add("leaders", _persons(who))
    elif (units := _unit_list(who)) is not None:
        ann.add("lead" if clause.group("lead") else "coop", units)
    else:
        return False
    return True


def _persons(posts: str) -> str:
    """Leaders as the tasks name them: a person's name without the post ("杨志武副市长" → 杨志武, as
    in a heading "王浩省长牵头重点工作"); a post without a name stays ("分管副省长")."""
    names = posts.split("、")
    found = [m.group("name") if (m := _PERSON_TITLE.match(n)) and not m.group("name").endswith(_NOT_A_NAME) else n
             for n in names]
    return "、".join(found)


_CLAUSE_END = re.compile(r"[，,；;。]")
_BY_LINE = re.compile(r"由(?P<who>[^。；;]{2,400}?)(?:共同|分别)?负责(?:落实|实施|推进|办理)?[。；;]?$")


def leading_roles(text: str) -> tuple[int, Annotation] | None:
    """Roles given by verbs at the start of a paragraph, before what is to be done: "由杨志武副市长
    负责，市发改委牵头，相关部门配合，尽快完成…" → (where the text starts, leaders 杨志武, lead
    市发改委, coop 相关部门). Each clause is one role (:data:`_CLAUSE`); they count when some clause
    names a lead (牵头/主办), or the paragraph opens with 由 and they name units. None otherwise."""
    if "牵头" not in text[:160] and "主办" not in text[:160] and not text.startswith("由"):
        return None
    ann = Annotation()
    pos = 1 if text.startswith("由") else 0
    end = 0
    leads = False
    for sep in _CLAUSE_END.finditer(text, pos):
        clause = text[pos:sep.start()].strip(WS)
        m = _CLAUSE.fullmatch(clause) if 2 <= len(clause) <= 40 else None
        if m is None or "由" in (m.group("who") or m.group("with_lead")) or not _add_role(m, ann):
            break
        leads = leads or bool(m.group("lead") or m.group("with_lead"))
        pos = end = sep.end()
    if not ann.names_units or not (leads or text.startswith("由")) or len(text) - end < 4:
        return None
    return end, ann


_MAY_ANNOTATE = re.compile(r"[：:]|牵头|负责|配合|主办|协办")


def after_annotations(line: str) -> list[str]:
    """A paragraph that holds several tasks, each ending in its annotation, split after each one:
    "…政策体系（…省科技厅牵头…）。在高端装备…减免政策（…等负责…），建设一批众创空间（…）。", also
    when the next task follows the bracket at once ("…左右。(市公安局牵头)万元地区生产总值…")."""
    if "）" not in line and ")" not in line:
        return [line]
    if len(line) < 40 and (line.rstrip(_TRAIL)[-1:] in CLOSE or not _MAY_ANNOTATE.search(line)):
        return [line]  # a short line that ends in its one annotation, or has none ("（一）加快…")
    pieces: list[str] = []
    start = 0
    for m in re.finditer(r"[）)][。，,；;]?", line):
        if len(line) - m.end() < 4 or not line[m.end():].strip(WS):
            continue
        group = _trailing_group(line[start:m.start() + 1])
        if group is None:
            continue
        if _bracketed(line[start + group[0] + 1: start + group[1] - 1]) is None:
            continue
        pieces.append(line[start:m.end()].strip(WS))
        start = m.end()
    pieces.append(line[start:].strip(WS))
    pieces = [p for p in pieces if p]
    if len(pieces) > 1 and (mark := marker(pieces[0])) is not None:  # "（一）增强创新驱动发展能力。推进…": a titled item
        title = mark.rest.find("。")
        if 0 < title <= 30 and len(mark.rest) - title > 8:
            cut = len(pieces[0]) - len(mark.rest) + title + 1
            pieces[:1] = [pieces[0][:cut], pieces[0][cut:].strip(WS)]
    return pieces


def split_annotation(line: str) -> tuple[str, Annotation | None]:
    """Split a line into its text and the unit annotation at its end.

    Recognised, in this order: bracketed groups at the end ("(主办单位:A;协办单位:B)",
    【】 [] 〔〕 （）, several in a row), labels written inline ("…。牵头单位：A；责任单位：B",
    also a whole line "牵头单位：A"), and verb forms ("…，A牵头，B配合。", "A等按职责分工负责").
    """
    ann: Annotation | None = None
    text = line
    while (group := _trailing_group(text)) is not None:
        found = _bracketed(text[group[0] + 1: group[1] - 1])
        if found is None:
            break
        if ann is not None:
            found.merge(ann)
        ann, text = found, text[: group[0]].rstrip(WS)
    if ann is not None:
        return text, ann
    labels = _labels(line) if ("：" in line or ":" in line) else []
    for n, (start, _, _) in enumerate(labels):
        if start == 0 or line[start - 1] in WS + "。；;，," + OPEN:
            rest = [(a - start, b - start, k) for a, b, k in labels[n:]]
            return line[:start].rstrip(WS + OPEN), _labelled(line[start:], rest)
    verb = _verb(line)
    if verb is not None:
        return line[: verb[0]].rstrip(WS + "，,；;"), verb[1]
    if line[:1] == "由" and (m := _BY_LINE.match(line)) and (units := _unit_list(m.group("who"))):
        ann = Annotation()  # "由市发展改革委，各县市区人民政府负责落实": a line that says who is responsible
        ann.add("coop", units)
        return "", ann
    return line, None


# --- what is not a task -----------------------------------------------------------
_CHROME = re.compile(
    r"(?:分享到|【字体|【打印|【关闭|【大|【中|【小|打印本页|关闭窗口|扫一扫|相关阅读|相关链接|上一篇|下一篇|"
    r"责任编辑|浏览次数|访问次数|发布时间|信息来源|来源[:：]|字号[:：]|温馨提示|网站客服|"
    r"第\s*\d+\s*页\s*共\s*\d+\s*页$|[-—－]\s*\d+\s*[-—－]$|\d{1,5}$)")
_END = re.compile(r"(?:附件|抄送|联系人|联系电话|主题词|附：)")
_DATE = re.compile(r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|20\d{5,6}|二[〇○零]\S{2}年\S{1,3}月\S{1,3}日)$")
_SIGNATURE_ENDS = ("人民政府", "办公室", "办公厅", "政府办", "委员会", "管委会")
_SIGNATURE = re.compile(r"[^。，,；;：:！？\s]{2,30}(?:人民政府|办公室|办公厅|政府办|委员会|管委会)$")
_NOTICE = re.compile(r"关于印发(?P<title>.+?)的通知")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号")


def is_date(line: str) -> bool:
    """A date line: 2021年3月25日, the scrape's 2021325, 二〇二一年三月二十五日."""
    return bool(_DATE.match(line))


def is_chrome(line: str) -> bool:
    """Web-page or print chrome: 分享到, 【字体, 扫一扫, page numbers …"""
    return bool(_CHROME.match(line)) and not is_date(line)


def is_signature(line: str) -> bool:
    """The issuing office's signature line (上饶市广丰区人民政府办公室)."""
    return len(line) <= 36 and line.endswith(_SIGNATURE_ENDS) and bool(_SIGNATURE.match(line))


_SPECIAL_FIRST = frozenset("分【打关扫相上下责浏访发信来字温网第-—－附抄联主二")


def line_role(line: str) -> str:
    """"chrome", "end" (附件, 抄送, 联系人, a date), "signature", or "" for an ordinary line."""
    first = line[0]
    if first.isdigit():
        if len(line) <= 16 and is_date(line):
            return "end"
        return "chrome" if len(line) <= 5 and line.isdigit() else ""
    if first in _SPECIAL_FIRST:
        if _END.match(line) or is_date(line):
            return "end"
        if is_chrome(line):
            return "chrome"
    return "signature" if is_signature(line) else ""


def is_title(line: str) -> bool:
    """A title-like line: 4-60 chars, no sentence punctuation, not bracketed, not a signature/date."""
    return (4 <= len(line) <= 60 and not any(c in "。，,；;：:！？" for c in line)
            and line[0] not in OPEN and not is_signature(line) and not is_date(line)
            and not is_chrome(line) and not line.isdigit())


def notice_title(line: str) -> str | None:
    """"关于印发《X》的通知" → X."""
    m = _NOTICE.search(line)
    return m.group("title").strip("《》") if m else None


def doc_number(text: str) -> str:
    """The first 文号 (广府办字〔2021〕12号) in the text, or ""."""
    m = _DOC_NUMBER.search(text)
    return m.group(0) if m else ""


# --- prose plans ---------------------------------------------------------------------
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』〞）)]*)?")


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, each with its 。; fragments under 4 chars join the previous one."""
    out: list[str] = []
    for m in _SENTENCE.finditer(paragraph):
        s = m.group(0).strip(WS)
        if not s:
            continue
        if out and len(s.rstrip(_STOPS + "”’」』〞）)")) < 4:
            out[-1] += s
        else:
            out.append(s)
    return out


def plan_theme(parts: list[str]) -> str | None:
    """The theme a paragraph's first sentence names ("实施创新引领工程。"), or None.

    A theme is 2-20 characters without digits and at most half as long as the
    longest sentence after it (so "深入推进实验区建设。加快构建孵化培育体系。" has none).
    """
    if len(parts) < 2:
        return None
    body = parts[0].rstrip(_STOPS)
    if 2 <= len(body) <= 20 and 2 * len(body) <= max(map(len, parts[1:])) and not any(c.isdigit() for c in body):
        return body
    return None

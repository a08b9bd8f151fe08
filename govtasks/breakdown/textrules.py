"""Line rules of the text importer: numbering, headings, unit annotations,
page chrome and the end of the task list. Pure; no I/O.

Each function looks at one cleaned line (or one sentence) and says what it is;
:mod:`govtasks.importers.text` decides what to do with it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from govtasks.breakdown.units import split_outside_brackets

WS = " \t\r\n\u00a0\u2002\u2003\u3000\ufeff"
_OPEN = "（(【[〔［"
_CLOSE = "）)】]〕］"
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
_COUNT = re.compile(r"\s*(?:[（(]\s*共?\s*(\d{1,4})\s*[项項]\s*[）)]?|共?\s*(\d{1,4})\s*[项項]\s*[）)])\s*$")
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


# --- unit annotations -----------------------------------------------------------
_LABELS = {
    "lead": ("牵头责任单位", "牵头单位", "主办单位", "主责单位", "牽頭責任單位", "牽頭單位", "主辦單位", "主責單位"),
    "coop": ("协同责任单位", "责任单位", "配合单位", "协办单位", "参与单位",
             "協同責任單位", "責任單位", "配合單位", "協辦單位", "參與單位"),
    "leaders": ("牵头区领导", "责任领导", "牵头领导", "分管领导", "牽頭區領導", "責任領導", "牽頭領導", "分管領導"),
    "deadline": ("完成时限", "时间节点", "完成时间", "完成時限", "時間節點", "完成時間"),
    "persons": ("责任人", "責任人"),
}
_KIND = {label: kind for kind, labels in _LABELS.items() for label in labels}
_LABEL_LENGTHS = sorted({len(k) for k in _KIND}, reverse=True)
_LEAD_VERB = re.compile(
    r"(?:^|[。；;，,])\s*(?P<lead>[^。；;，,]{2,60}?)(?:牵头|牽頭)(?:负责|負責|抓总|抓總)?"
    r"(?:\s*[，,、；;]\s*(?P<coop>[^。；;]{2,200}?)(?:按职责分工负责|按職責分工負責|共同负责|共同負責|"
    r"配合|协同|協同|参与|參與|协助|協助)(?:落实|落實|实施|實施|推进|推進)?)?\s*[。；;]?\s*$")
_DUTY_VERB = re.compile(r"(?:^|[。；;，,])\s*(?P<coop>[^。；;，,]{2,120}?)(?:按职责分工负责|按職責分工負責)\s*[。；;]?\s*$")
_UNIT_END = tuple("局委办府团司道位门会部院室社队所站行处组厅区镇乡县市馆校署联科股心辦團會隊門處組館縣鄉鎮聯)）")
_TRAIL = WS + "。．.;；,，"
_ETC = re.compile(r"等(?:部门|单位|部門|單位)?$")


class Annotation(dict[str, list[str]]):
    """Field kind → values as written, in order. Kinds: lead, coop, leaders, deadline, persons."""

    __slots__ = ()

    def add(self, kind: str, value: str) -> None:
        """Add a value, stripped, without brackets left over at its ends."""
        value = value.strip(_VALUE_STRIP)
        if value and (value[-1] in _CLOSE or value[0] in _OPEN):
            value = _unwrap(value)
        if value:
            self.setdefault(kind, []).append(value)

    def merge(self, other: Annotation) -> None:
        for kind, values in other.items():
            self.setdefault(kind, []).extend(values)


def _unwrap(value: str) -> str:
    """Drop brackets left over at the ends of a value ("A）" from "（牵头单位：A）完成时限…")."""
    while value and value[-1] in _CLOSE and value.count(_OPEN[_CLOSE.index(value[-1])]) < value.count(value[-1]):
        value = value[:-1].rstrip(_VALUE_STRIP)
    while value and value[0] in _OPEN and value.count(value[0]) > value.count(_CLOSE[_OPEN.index(value[0])]):
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
                found.append((window + len(before) - len(key), c + 1, _KIND[key]))
            c = text.find(colon, c + 1)
    return sorted(found) if len(found) > 1 and "：" in text and ":" in text else found


def _labelled(body: str, labels: list[tuple[int, int, str]]) -> Annotation:
    """Fields of "主办单位:A;协办单位:B" in any order; an unlabelled ;-part after units is 协办."""
    ann = Annotation()
    for i, (_, value_start, kind) in enumerate(labels):
        end = labels[i + 1][0] if i + 1 < len(labels) else len(body)
        value = body[value_start:end].rstrip(_VALUE_STRIP)
        first, *more = ([piece for piece, _ in split_outside_brackets(value, ";；")]
                        if (";" in value or "；" in value) else (value,))
        ann.add(kind, first)
        for piece in more:
            ann.add("coop" if kind in ("lead", "coop") else kind, piece)
    return ann


def _unit_list(text: str) -> str | None:
    """The list without a trailing 等, when every item looks like a unit name."""
    text = _ETC.sub("", text.strip(WS))
    names = [n for n in re.split(r"[、，,]|和|及", text) if n.strip()]
    if not names or any(not n.strip().endswith(_UNIT_END) for n in names):
        return None
    return text


def _verb(text: str) -> tuple[int, Annotation] | None:
    """"A牵头，B配合" / "A按职责分工负责" at the end of ``text``: (start, annotation)."""
    if "牵头" not in text and "牽頭" not in text and "职责分工" not in text and "職責分工" not in text:
        return None
    m = _LEAD_VERB.search(text)
    if m is not None:
        lead, coop = _unit_list(m.group("lead")), m.group("coop")
        coop_units = _unit_list(coop) if coop else ""
        if lead and coop_units is not None:
            ann = Annotation()
            ann.add("lead", lead)
            ann.add("coop", coop_units)
            return m.start("lead"), ann
    m = _DUTY_VERB.search(text)
    if m is not None and (units := _unit_list(m.group("coop"))):
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
    end = len(line.rstrip(_TRAIL))
    if end == 0 or line[end - 1] not in _CLOSE:
        return None
    close = line[end - 1]
    opener = _OPEN[_CLOSE.index(close)]
    o = line.rfind(opener, 0, end - 1)
    while o >= 0:
        group = line[o:end]
        if group.count(opener) == group.count(close):
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
            if not kind or "：" in value:
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
    verb = _verb(content)
    if verb is not None and not content[: verb[0]].strip(WS + "。，,；;"):
        return verb[1]
    return None


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
        if start == 0 or line[start - 1] in WS + "。；;，," + _OPEN:
            rest = [(a - start, b - start, k) for a, b, k in labels[n:]]
            return line[:start].rstrip(WS + _OPEN), _labelled(line[start:], rest)
    verb = _verb(line)
    if verb is not None:
        return line[: verb[0]].rstrip(WS + "，,；;"), verb[1]
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
            and line[0] not in _OPEN and not is_signature(line) and not is_date(line)
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

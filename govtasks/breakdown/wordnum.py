"""Word's automatic numbering: the number Word shows before a numbered paragraph. Pure.

A clerk who types a notice in Word or WPS often numbers its items with the numbering button, so
"一、" "（一）" "1." are not in the paragraphs' text: the paragraph names a list (``w:numPr``: a
``numId`` and a level), and ``word/numbering.xml`` says how each level of that list is written
(``w:numFmt`` decimal / chineseCounting / decimalEnclosedCircle …, ``w:lvlText`` "%1、" "（%1）"
"%1.%2", ``w:start``). A paragraph style may carry the numbering too (``word/styles.xml``).

:class:`Numbering` renders those numbers in document order, the way Word counts them: each list
(an abstract numbering, or a ``w:num`` that restarts it) keeps one counter per level; a paragraph
at a level advances that level's counter and restarts the levels below it. Bullets are no number.
:data:`FORMATS` also writes the numbers of a web page's ``<ol>`` items (:mod:`.html`).
"""

from __future__ import annotations

import re
from typing import Callable
from xml.etree import ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "〇一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def _counting(n: int) -> str:
    """一 … 十, 十一 … 九十九, 一百 … (chineseCounting and chineseCountingThousand: LibreOffice
    writes 10 as 十 and 11 as 十一 in both; 〇 for a gap, 一百〇五)."""
    if n <= 0:
        return str(n)
    out, gap = "", False
    for value, unit in _UNITS:
        d, n = divmod(n, value)
        if d:
            out += ("〇" if gap else "") + ("" if d == 1 and unit == "十" and not out else _DIGITS[d]) + unit
            gap = False
        elif out:
            gap = True
    if n:
        out += ("〇" if gap else "") + _DIGITS[n]
    return out


def _letters(n: int, upper: bool) -> str:
    """a … z, aa … zz (Word repeats the letter)."""
    if n <= 0:
        return str(n)
    ch = chr((ord("A") if upper else ord("a")) + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    """``n`` as an enclosed numeral from ``ranges`` ((first n, last n, code point of the first)), else
    as a decimal."""
    return next((chr(base + n - lo) for lo, hi, base in ranges if lo <= n <= hi), str(n))


_CIRCLED = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))  # ① … ⑳, ㉑ … ㉟, ㊱ … ㊿


_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"

FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalFullWidth2": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: _enclosed(n, _CIRCLED),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, _CIRCLED),
    "decimalEnclosedParen": lambda n: _enclosed(n, ((1, 20, 0x2474),)),  # ⑴ … ⒇
    "decimalEnclosedFullstop": lambda n: _enclosed(n, ((1, 20, 0x2488),)),  # ⒈ … ⒛
    "chineseCounting": _counting,
    "chineseCountingThousand": _counting,
    "chineseLegalSimplified": lambda n: _counting(n).translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")),
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _TIANGAN[n - 1] if 1 <= n <= 10 else str(n),  # 甲 … 癸, then 11 (as LibreOffice)
    "ideographZodiac": lambda n: _DIZHI[n - 1] if 1 <= n <= 12 else str(n),
    "japaneseCounting": _counting,
    "taiwaneseCounting": _counting,
    "taiwaneseCountingThousand": _counting,
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "ordinal": str,
    "cardinalText": str,
}
"""``w:numFmt`` values → how a counter is written (an unknown format is written as a decimal; the
renderings checked against LibreOffice's text export of the same document)."""

_PLACEHOLDER = re.compile(r"%([1-9])")


class _Level:
    __slots__ = ("start", "fmt", "text", "suffix")

    def __init__(self, lvl: ET.Element) -> None:
        self.start = _int(lvl.find(W + "start"), 1)
        self.fmt = val(lvl.find(W + "numFmt"), "decimal")
        self.text = val(lvl.find(W + "lvlText"), "")
        self.suffix = {"nothing": "", "space": " "}.get(val(lvl.find(W + "suff"), "tab"), " ")


def val(el: ET.Element | None, default: str = "") -> str:
    """An element's ``w:val`` (``default`` when the element or the attribute is absent)."""
    return default if el is None else el.get(W + "val", default)


def _int(el: ET.Element | None, default: int) -> int:
    try:
        return int(val(el, str(default)))
    except ValueError:
        return default


def _levels(parent: ET.Element) -> dict[int, _Level]:
    return {int(lvl.get(W + "ilvl", "0")): _Level(lvl) for lvl in parent.iter(W + "lvl")
            if lvl.get(W + "ilvl", "0").isdecimal()}


class Numbering:
    """The numbers of one document's numbered paragraphs, rendered in document order.

    ``numbering_xml`` and ``styles_xml``: the parts' bytes (None when the document has none).
    Call :meth:`label` once per paragraph, in document order (tables included)."""

    def __init__(self, numbering_xml: bytes | None, styles_xml: bytes | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self._styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → numId, ilvl, basedOn
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_xml:
            root = ET.fromstring(numbering_xml)
            for a in root.iter(W + "abstractNum"):
                self._abstract[a.get(W + "abstractNumId", "")] = _levels(a)
            for num in root.iter(W + "num"):
                overrides: dict[int, _Level] = {}
                starts: dict[int, int] = {}
                for o in num.iter(W + "lvlOverride"):
                    at = int(o.get(W + "ilvl", "0")) if o.get(W + "ilvl", "0").isdecimal() else 0
                    if (s := o.find(W + "startOverride")) is not None:
                        starts[at] = _int(s, 1)
                    if (lvl := o.find(W + "lvl")) is not None:
                        overrides[at] = _Level(lvl)
                self._nums[num.get(W + "numId", "")] = (val(num.find(W + "abstractNumId"), ""), overrides, starts)
        if styles_xml:
            for style in ET.fromstring(styles_xml).iter(W + "style"):
                pr = style.find(f"{W}pPr/{W}numPr")
                num_id = None if pr is None else val(pr.find(W + "numId"), "") or None
                level = None if pr is None else val(pr.find(W + "ilvl"), "") or None
                based = val(style.find(W + "basedOn"), "") or None
                self._styles[style.get(W + "styleId", "")] = (num_id, level, based)

    def __bool__(self) -> bool:
        return bool(self._nums)

    def _from_style(self, style: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        seen: set[str] = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            s_num, s_lvl, based = self._styles.get(style, (None, None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style = based
        return num_id, ilvl

    def label(self, p: ET.Element) -> str:
        """The number Word shows before paragraph ``p`` with what follows it ("一、", "（二）", "1.2 "),
        or "" (no numbering, a bullet, or a list the document does not define)."""
        if not self._nums:
            return ""
        ppr = p.find(W + "pPr")
        pr = None if ppr is None else ppr.find(W + "numPr")
        num_id = None if pr is None else val(pr.find(W + "numId"), "") or None
        ilvl_text = None if pr is None else val(pr.find(W + "ilvl"), "") or None
        if num_id is None or ilvl_text is None:
            s_num, s_lvl = self._from_style(val(ppr.find(W + "pStyle"), "") if ppr is not None else None)
            num_id = num_id if num_id is not None else s_num
            ilvl_text = ilvl_text if ilvl_text is not None else s_lvl
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdecimal() else 0
        abstract_id, overrides, starts = self._nums[num_id]
        levels = {**self._abstract.get(abstract_id, {}), **overrides}
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        key = f"num:{num_id}" if starts or overrides else f"abstract:{abstract_id}"  # a restarted list counts on its own
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # the levels below restart

        def number(m: re.Match[str]) -> str:
            at = int(m.group(1)) - 1
            lvl = levels.get(at)
            if lvl is None:
                return ""
            value = counters.get(at, starts.get(at, lvl.start))
            return FORMATS.get(lvl.fmt, str)(value)

        text = _PLACEHOLDER.sub(number, level.text)
        return text + level.suffix if text and not text[-1] in "、.．:：)）" else text

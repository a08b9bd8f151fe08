"""Unit cells: split, clean and resolve the unit names of a cell. Pure; no I/O.

Real documents separate units with 、，,；; newlines and (in scraped tables)
spaces; they wrap long names over two lines ("国家金融监管\\n总局芜湖分局",
"智能网联及新能源 汽车招商中心 成员单位"); they write lists that inherit a prefix
("区人社局、教体局" means 区教体局); they mark a lead with "*"; and they name
groups (各镇政府, 区直有关单位) instead of units.

Rules (see docs/format.md for the reasoning):

* Hard separators (、，,；;) split everywhere except inside brackets, and except
  around a bare place word ("各县、市、区政府" is one group).
* Soft separators (a line break — Alt+Enter, <br>, a Word paragraph — or spaces)
  separate units too, except inside a name: a fragment that does not stand as a
  name alone (it does not end like a unit name — 局, 委, 中心, 政府, 单位, a
  closing bracket … — or is shorter than three characters: "市政⏎府办⏎公厅") is
  joined to its neighbours, and one that only qualifies its neighbour ("成员单位",
  "（粮食局）") to the previous.
* "A及B", "A和B" between two names that stand alone are two units; so are two
  group words run together ("各镇各部门"). A trailing 等 / 等单位 / 等部门 is not
  part of a name, and a person's name after a unit ("市民政局 伍泽国") is no unit.
* A short agency name with no place prefix takes the prefix of the nearest
  prefixed name before it in the same cell (区/市/县/省).
* Verbs: "A、B牵头，C、D配合" (also 主办/协办, 按职责分工负责) — the names of a clause that ends
  in 牵头 or 主办 carry the lead mark; the verbs are no part of any name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

from govtasks._perf import memo
from govtasks.breakdown.fold import fold
from govtasks.model import RosterUnit

_OPEN = "（(【[〔［《"
_CLOSE = "）)】]〕］》"
_HARD = "、，,；;"
_SOFT = " \n\t\u3000"

_SUFFIXES = (
    "局", "委", "办", "中心", "院", "会", "政府", "府", "街道", "单位", "部", "处", "所",
    "队", "站", "公司", "集团", "行", "社", "团", "校", "馆", "室", "组", "厅", "署", "司",
    "区", "镇", "乡", "县", "市", "部门", "联", "科", "股", "机关",
) + tuple(_CLOSE)
_CONTINUATIONS = ("成员单位", "各成员单位", "等", "等单位", "等部门")
_INHERIT_SUFFIX = re.compile(r"(局|委|办|委员会|中心|办公室)$")
_PLACE = re.compile(r"[区县市省镇乡]|街道|国家|中国|各|有关|相关")
_PREFIX = re.compile(r"^([区市县省])(?!直|场)")  # 市场监管局 has no place prefix
_GROUP = re.compile(
    r"^各|各(单位|部门|成员单位|镇|乡|街道|县|区|有关)|有关单位|相关单位|有关部门|相关部门"
    r"|成员单位|直属单位|^开发区管委会$|^区直|^市直|^县直|^相关|^有关"
)
_LEAD_MARK = "*＊"
_ALL_SEPS = re.compile(f"([{re.escape(_HARD)}]|[{re.escape(_SOFT)}]+)")
_SEPARATORS = re.compile(f"[{re.escape(_HARD + _SOFT)}]+")  # (no groups: fragments only)
_ANY_OPEN = re.compile(f"[{re.escape(_OPEN)}]")
_ONE_SEP = re.compile(f"([{re.escape(_HARD + _SOFT)}])")
_ANY_SEP = re.compile(f"[{re.escape(_HARD + _SOFT)}]")
_NAME_SEPS = re.compile(r"[\n、，,；;]+")

# Long forms → short form used as the alias key (发改委 = 发展改革委 = 发展和改革委员会).
_ALIAS_FORMS = (
    ("发展和改革委员会", "发改委"), ("发展改革委员会", "发改委"), ("发展改革委", "发改委"),
    ("发展和改革局", "发改局"), ("发展改革局", "发改局"),
    ("人力资源和社会保障局", "人社局"), ("人力资源社会保障局", "人社局"),
    ("经济和信息化局", "经信局"), ("经济和信息化委员会", "经信委"), ("经济信息化局", "经信局"),
    ("住房和城乡建设局", "住建局"), ("住房城乡建设局", "住建局"),
    ("自然资源和规划局", "自规局"), ("自然资源规划局", "自规局"),
    ("市场监督管理局", "市场监管局"), ("教育体育局", "教体局"),
    ("卫生健康委员会", "卫健委"), ("卫生健康委", "卫健委"), ("科学技术局", "科技局"),
    ("应急管理局", "应急局"), ("城市管理局", "城管局"), ("医疗保障局", "医保局"),
    ("退役军人事务局", "退役军人局"), ("政府办公室", "政府办"),
    ("地方金融监督管理局", "地方金融监管局"), ("文化和旅游局", "文旅局"),
    ("数据资源管理局", "数据资源局"), ("生态环境分局", "生态环境局"),
)

_ANY_LONG_FORM = re.compile("|".join(re.escape(long) for long, _ in _ALIAS_FORMS))


@memo(65536)
def alias_key(name: str) -> str:
    """A key equal for spellings of one unit: 区发展和改革委员会 → 区发改委."""
    key = name.replace(" ", "").replace("(", "（").replace(")", "）")
    if _ANY_LONG_FORM.search(key):  # most names hold none: skip the replacements
        for long, short in _ALIAS_FORMS:
            key = key.replace(long, short)
    return key


@memo(65536)
def is_group(name: str) -> bool:
    """Whether a name denotes a group of units (各镇政府, 区直有关单位 …)."""
    return bool(_GROUP.search(name))


def split_outside_brackets(text: str, seps: str) -> list[tuple[str, str]]:
    """Split at any char of ``seps`` not inside brackets: [(piece, separator_after)]."""
    if not _ANY_OPEN.search(text):  # fast path: no brackets, plain split
        parts = _splitter(seps).split(text)
        return list(zip(parts[::2], parts[1::2] + [""]))
    pieces: list[tuple[str, str]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            pieces.append((text[start:i], ch))
            start = i + 1
    pieces.append((text[start:], ""))
    return pieces


@lru_cache(maxsize=8)
def _splitter(seps: str) -> re.Pattern[str]:
    return re.compile(f"([{re.escape(seps)}])")


@memo(65536)
def _prefix_facts(name: str) -> tuple[str, bool]:
    """(place prefix the name starts with, or ''; whether a short name may inherit one)."""
    m = _PREFIX.match(name)
    if m:
        return m.group(1), False
    return "", len(name) <= 6 and bool(_INHERIT_SUFFIX.search(name)) and not _PLACE.search(name)


_ETC = re.compile(r"(?:等|等相关|等有关)(?:单位|部门|相关部门|有关部门|相关单位)?$")
_AND = re.compile(r"(?<=.)[及和与](?=.)")
_RUN_TOGETHER = re.compile(r"(?<=[镇乡区县市门位道])(?=各)")
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_PLACE_WORDS = frozenset("市区县镇乡")
_AGENCY = ("局", "委", "办", "中心", "政府", "公司", "部", "院", "厅", "队", "站", "街道", "单位", "部门", "集团", "镇", "乡",
           "室", "处", "所", "行", "馆", "校", "区", "县")
"""Endings that close an agency's name: "A及B" splits only between two such names (智能网联及新能源… does not)."""


@memo(65536)
def _alone(fragment: str) -> bool:
    """Whether a fragment stands as a unit name on its own (a lead mark aside)."""
    bare = fragment.strip(_LEAD_MARK + "★")
    return len(bare) >= 3 and bare.endswith(_SUFFIXES) and bare not in _CONTINUATIONS


def names_meet(before: str, after: str) -> bool:
    """Whether a line break between ``before`` and ``after`` falls between two unit names: the last
    part of ``before`` stands as a name, and the first part of ``after`` is a name of its own — one
    that starts with a place (市市场监管局), is a place (荔湾区) or is long (人行芜湖分行), not a short
    ending another name goes on with ("繁昌经开区" / "管委会", "区人力资源社会" / "保障局", "各相关乡" /
    "镇政府")."""
    last = _ANY_SEP.split(before.rstrip())[-1]
    first = _ANY_SEP.split(after.lstrip())[0]
    return (bool(last and first) and _alone(last) and _alone(first)
            and (len(first) >= 5 or len(first) >= 4 and (first[0] in _PLACE_WORDS or first[0] == "各")
                 or first[-1] in _PLACE_WORDS and first[0] not in _PLACE_WORDS))


_OFFICE_VERBS = ("主办", "协办")
"""Verbs that end like a unit name (…办): "区工信局主办" is a clause, no name."""


_NOT_PLAIN = re.compile("[*＊★等及和与：:]")
"""A character no whole name as written holds: a lead mark, 等, 及/和/与, a label's colon."""


@memo(65536)
def _plain(fragment: str) -> bool:
    """A fragment that is a whole name as it stands: no lead mark, no 等, no 及/和 or run-together groups."""
    return (_alone(fragment) and fragment[0] not in _OPEN and not _NOT_PLAIN.search(fragment)
            and "各" not in fragment[1:] and not fragment.endswith(_OFFICE_VERBS))


def _fragments(text: str) -> list[tuple[str, str]]:
    """(fragment, the separator after it: "hard", "soft" or "") outside brackets."""
    out: list[tuple[str, str]] = []
    if not _ANY_OPEN.search(text):  # no brackets: every separator counts
        parts = _ONE_SEP.split(text)
        out = [(parts[i], "hard" if parts[i + 1] in _HARD else "soft") for i in range(0, len(parts) - 1, 2)]
        out.append((parts[-1], ""))
    else:
        depth, start = 0, 0
        for i, ch in enumerate(text):
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            elif depth == 0 and (ch in _HARD or ch in _SOFT):
                out.append((text[start:i], "hard" if ch in _HARD else "soft"))
                start = i + 1
        out.append((text[start:], ""))
    merged: list[tuple[str, str]] = []
    for frag, sep in out:  # "a、\nb": one separator, the hardest
        if not frag.strip() and merged:
            prev, prev_sep = merged[-1]
            merged[-1] = (prev, "hard" if "hard" in (prev_sep, sep) else prev_sep or sep)
        elif frag.strip():
            merged.append((frag.strip(), sep))
    return merged


def _names(text: str) -> list[str]:
    """The names of a cell as written: fragments joined back where a separator falls inside a name."""
    frags = _fragments(text)
    names: list[str] = []
    glue = False  # the previous separator falls inside a name
    place = False  # the previous fragment was a bare place word (各县、市、区政府)
    for i, (frag, sep) in enumerate(frags):
        before = frags[i - 1][1] if i else ""
        if names and (glue or (before == "soft" and (frag in _CONTINUATIONS or frag[0] in _OPEN))
                      or (before == "soft" and not _alone(frag) and not _alone(names[-1])) or frag in _PLACE_WORDS
                      or (before == "hard" and place)):
            names[-1] += ("、" if before == "hard" else "") + frag
        else:
            names.append(frag)
        place = frag in _PLACE_WORDS
        nxt = frags[i + 1][0] if i + 1 < len(frags) else ""
        # a soft break inside a name: this part and the joined whole are no name (unless the next
        # part is a person's; "伏羲 山管委 会" is one name), or the next part is none (unless a whole
        # name comes before it and it is a person's, ending the name: "区发改委 张三", not "县公安局 交警 大队")
        person_next = bool(_PERSON.match(nxt)) and not nxt.endswith(_SUFFIXES) and frags[i + 1][1] != "soft" \
            if nxt else False
        glue = sep == "soft" and bool(nxt) and not _alone(names[-1]) and not (
            _PERSON.match(nxt) and not _alone(nxt)) or (
            sep == "soft" and bool(nxt) and not _alone(nxt) and len(nxt) < 3
            and not (person_next and _alone(names[-1]))) or (
            sep == "soft" and bool(nxt) and names[-1] in _PLACE_WORDS)  # "市 财政局": a wrap after the place
    return names


def _cleaned(name: str) -> list[str]:
    """A name without a trailing 等, split where two names stand joined (A及B, 各镇各部门)."""
    if "等" not in name and "及" not in name and "和" not in name and "与" not in name and "各" not in name[1:]:
        return [name]
    name = _ETC.sub("", name) or name
    parts = [name]
    if "及" in name or "和" in name or "与" in name:
        pieces = _AND.split(name)
        if len(pieces) > 1 and all(_alone(p) and p.endswith(_AGENCY) for p in pieces):
            parts = pieces
    out: list[str] = []
    for part in parts:
        pieces = _RUN_TOGETHER.split(part) if "各" in part[1:] else [part]
        out += pieces if len(pieces) > 1 and all(is_group(p) and len(p) >= 2 for p in pieces) else [part]
    return out


def _inherit_prefix(names: list[str]) -> list[str]:
    out: list[str] = []
    prefix = ""
    for name in names:
        own, inherits = _prefix_facts(name)
        if own:
            prefix = own
        elif prefix and inherits:
            name = prefix + name
        out.append(name)
    return out


def _dominant_prefix(counts: Counter[str]) -> str:
    """The place prefix (区/市/县/省) most of a document's unit names carry, or ''."""
    prefixes: Counter[str] = Counter()
    for name, n in counts.items():
        own = _prefix_facts(name)[0]
        if own:
            prefixes[own] += n
    return prefixes.most_common(1)[0][0] if prefixes else ""


def _with_prefix(name: str, prefix: str) -> str:
    """``工信局`` → ``区工信局`` in a 区 document: the same short-name rule as prefix inheritance."""
    own, inherits = _prefix_facts(name)
    return prefix + name if prefix and not own and inherits else name


class CellUnits(NamedTuple):
    """The units of one cell, in order, which of them carried a lead mark, and the persons the
    cell names beside them ("市民政局 伍泽国").

    (A NamedTuple, not a frozen dataclass: one is built per distinct cell of every import.)
    """

    names: tuple[str, ...] = ()
    marked: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()


_VERB_WORDS = ("牵头", "主办", "配合", "协同", "协助", "参与", "协办", "负责")
_VERB = re.compile(r"(?:分别|共同)?(?P<lead>牵头|主办)(?:负责|抓总)?$|(?:按职责分工负责|分工负责|共同负责|分别负责|负责|配合|协同|协助|参与|协办)"
                   r"(?:落实|实施|推进)?$")


_CELL_LABEL = re.compile(r"(?:^|(?<=[\n；;，,。 ]))[\u4e00-\u9fff]{0,4}?(?:(?P<lead>牵头|主办|主责)(?:责任)?|责任|配合|协办|协同|参与)"
                         r"(?:单位|部门)\s*[：:]\s*")


def _label_marks(text: str) -> str:
    """"责任单位：A\n省牵头单位：B" → "A；★B": labels inside a unit cell dropped, a lead label's names marked."""
    folded = fold(text)
    found = list(_CELL_LABEL.finditer(folded))
    if not found:
        return text
    out = [text[: found[0].start()]]
    for m, nxt in zip(found, found[1:] + [None]):
        value = text[m.end(): nxt.start() if nxt is not None else len(text)].strip(_SOFT + "；;，,。")
        if m.group("lead"):
            value = "、".join("★" + n.strip() for n, _ in split_outside_brackets(value, "、，,") if n.strip())
        out.append(value)
    return "；".join(p.strip(_SOFT + "；;") for p in out if p.strip(_SOFT + "；;"))


def _verb_marks(text: str) -> str:
    """"A、B牵头，C、D配合" → "★A、★B；C、D": the verbs dropped, a lead verb's names marked (and
    the same for labels inside the cell: "省牵头单位：B")."""
    folded = fold(text)
    if "：" in folded:
        text = _label_marks(text)
        folded = fold(text)
    if not any(w in folded for w in _VERB_WORDS):
        return text
    out: list[str] = []
    at = 0
    for piece, sep in split_outside_brackets(text, "，,；;。"):
        body = piece.rstrip(_SOFT)
        m = _VERB.search(folded[at:at + len(body)])
        at += len(piece) + len(sep)
        if m is None:
            out.append(piece)
            continue
        body = body[: m.start()]
        if m.group("lead"):
            body = "、".join(n if n.startswith(("*", "＊", "★")) else "★" + n
                            for n, _ in split_outside_brackets(body, "、") if n.strip())
        out.append(body)
    return "；".join(p for p in out if p.strip())


@memo(65536)
def split_units(cell: str) -> CellUnits:
    """Split one unit cell into clean names.

    Example:
        >>> split_units("区人社局、教体局、各乡镇（街道）").names
        ('区人社局', '区教体局', '各乡镇（街道）')
    """
    text = (cell or "").replace("\r", "").replace("\u3000", " ").replace("(", "（").replace(")", "）").strip()
    if not text:
        return CellUnits()
    if not _ANY_OPEN.search(text):  # the usual cell: whole names, one separator between each two
        if not _ANY_SEP.search(text):  # one name (no name before it to take a prefix from)
            if _plain(text):
                return CellUnits((text,))
        else:
            whole = [p.strip() for p in _ANY_SEP.split(text)]
            if all(whole) and all(map(_plain, whole)):
                return CellUnits(tuple(dict.fromkeys(_inherit_prefix(whole))))
    frags = _fragments(text)
    if all(_plain(f) for f, _ in frags):  # every fragment is a whole name, nothing else
        return CellUnits(tuple(dict.fromkeys(_inherit_prefix([f for f, _ in frags]))))
    names: list[str] = []
    marked: list[str] = []
    persons: list[str] = []
    text = _verb_marks(text)
    written = [c for name in _names(text) for c in _cleaned(name)]
    for i, name in enumerate(_inherit_prefix([n.strip() for n in written if n.strip()])):
        bare = name.strip(_LEAD_MARK + "★").strip()
        if not bare:
            continue
        if i and len(bare) <= 3 and _PERSON.match(bare) and not bare.endswith(_SUFFIXES) and not is_group(bare):
            persons.append(bare)  # a person named after a unit
            continue
        if bare != name:
            marked.append(bare)
        if bare not in names:
            names.append(bare)
    return CellUnits(tuple(names), tuple(marked), tuple(persons))


_PADDED_PAIR = re.compile(r"([\u4e00-\u9fff][ \u3000][\u4e00-\u9fff])([\u4e00-\u9fff][ \u3000][\u4e00-\u9fff])")
"""Two two-character names, each padded to three ("陆 明俞 悦"), written without a separator."""


def split_names(cell: str) -> tuple[str, ...]:
    """Split a cell of person names (leaders, 责任人): newlines and 、，; only, and two padded
    names run together ("陆 明俞 悦" → 陆 明, 俞 悦).

    Spaces are kept: a name may be written "刘 哲".
    """
    if not cell:
        return ()
    names: list[str] = []
    for part in _NAME_SEPS.split(cell.replace("\r", "")):
        part = part.strip()
        if part:
            pair = _PADDED_PAIR.fullmatch(part)
            names += pair.groups() if pair else (part,)
    return tuple(names)


@dataclass
class UnitResolver:
    """Maps names as written to canonical unit names, with a roster or without.

    With a roster, a name or alias of a roster unit resolves to the roster
    name, and a group expands to the roster units of that group. Without one,
    spellings with the same :func:`alias_key` resolve to the spelling used
    most often (first seen on a tie), and groups stay as written.
    """

    roster: Sequence[RosterUnit] = ()
    _by_key: dict[str, str] = field(default_factory=dict)
    _members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _resolved: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _learned: dict[str, str] = field(default_factory=dict)
    """Spelling → canonical name, for the spellings :meth:`learn` saw."""

    def __post_init__(self) -> None:
        for unit in self.roster:
            for spelling in (unit.name, *unit.aliases):
                self._by_key.setdefault(alias_key(spelling), unit.name)
        members: dict[str, list[str]] = {}
        for unit in self.roster:
            for group in unit.groups:
                members.setdefault(alias_key(group), []).append(unit.name)
        self._members = {k: tuple(v) for k, v in members.items()}

    def learn(self, spellings: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Learn a document's spellings; return canonical → merged variants (if >1)."""
        counts = Counter(spellings)
        self._resolved.clear()
        self._learned.clear()
        prefix = _dominant_prefix(counts)
        groups: dict[str, list[str]] = {}
        own_key = {name: alias_key(name) for name in counts}  # Counter keeps first-seen order
        for name, key in own_key.items():
            prefixed = _with_prefix(name, prefix)
            groups.setdefault(key if prefixed == name else alias_key(prefixed), []).append(name)
        merged: dict[str, tuple[str, ...]] = {}
        for key, variants in groups.items():
            best = self._by_key.get(key, "")  # the roster's name first
            if not best:  # else the prefixed spelling, then the most used; the first wins a tie
                best = variants[0] if len(variants) == 1 else max(
                    variants, key=lambda v: (bool(prefix) and v.startswith(prefix), counts[v]))
            for variant in variants:
                self._learned[variant] = self._by_key.setdefault(own_key[variant], best)
            self._by_key.setdefault(key, best)
            if len(variants) > 1:
                merged[best] = tuple(variants)
        return merged

    def canonical(self, name: str) -> str:
        """The canonical name of a unit as written."""
        return self._learned.get(name) or self._by_key.get(alias_key(name), name)

    def known(self, name: str) -> bool:
        """Whether the roster names this unit (always False without a roster)."""
        return any(u.name == self.canonical(name) for u in self.roster)

    def expand(self, name: str) -> tuple[str, ...] | None:
        """The roster members of a group name; None when it cannot be expanded."""
        return self._members.get(alias_key(name))

    def resolve_one(self, name: str) -> tuple[str, ...]:
        """The canonical name of one name as written, or the roster members of a group."""
        found = self._resolved.get(name)
        if found is None:
            found = self.expand(name) if self._members else None  # (no roster groups: nothing to expand)
            if not found:
                found = (self.canonical(name),)
            self._resolved[name] = found
        return found

    def resolve(self, names: Iterable[str]) -> tuple[str, ...]:
        """Canonical names with groups expanded where the roster allows."""
        out: dict[str, None] = {}
        for name in names:
            out.update(dict.fromkeys(self.resolve_one(name)))
        return tuple(out)

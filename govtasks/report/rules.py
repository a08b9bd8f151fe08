"""The status and light rules: one documented table (docs/status.md), overridable. Pure except :func:`read_rules`.

The defaults follow published practice: 银川's points behind 序时 (at or above 绿, 10–30
behind 黄, more than 30 behind 红; 黄 two periods running 红) and the deadline rules of
宿迁, 肇庆 and 西安 (near the deadline 黄, past it and not done 红). Every rule has an
English name (the field) and a Chinese label (the rules sheet); :meth:`StatusRules.override`
takes either, as does a sheet 亮灯规则 of a rules workbook (:func:`read_rules`), which is
also what the report writes, so a report is a rules workbook too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from govtasks._types import PathLike
from govtasks.errors import LayoutError

DONE, ON_TRACK, LAGGING, NOT_STARTED, MISSING = "已完成", "序时推进", "滞后", "未启动", "未报送"
STATUSES = (DONE, ON_TRACK, LAGGING, NOT_STARTED)
"""The four status classes, best first."""
GREEN, YELLOW, RED = "绿", "黄", "红"
LIGHTS = (GREEN, YELLOW, RED)
RULES_SHEET = "亮灯规则"

_SYNONYMS: dict[str, tuple[str, ...]] = {
    DONE: ("已完成", "完成", "已办结", "办结", "全面完成", "已全部完成", "已竣工", "已建成", "已完工", "已落实"),
    ON_TRACK: ("序时推进", "正在推进", "推进中", "按序时推进", "按计划推进", "正常推进", "有序推进", "达进度", "达序时",
               "超进度", "超序时", "超序时推进", "提前完成序时", "基本完成", "持续推进", "进行中", "正在实施", "实施中",
               "按进度推进", "按时序推进"),
    LAGGING: ("滞后", "进度滞后", "滞后序时", "滞后于序时", "欠进度", "落后序时", "未达序时", "推进缓慢", "进展缓慢",
              "暂停", "延期", "逾期"),
    NOT_STARTED: ("未启动", "尚未启动", "未开始", "尚未开始", "未开展", "尚未开展", "暂未启动", "未开工"),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in text.split("、") if w)


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusRules:
    """The rules that turn returns into statuses and lights; every field is documented in docs/status.md."""

    synonyms: tuple[tuple[str, str], ...] = tuple((w, cls) for cls, ws in _SYNONYMS.items() for w in ws)
    """完成状态同义词: a written 完成状态 → one of 已完成 / 序时推进 / 滞后 / 未启动 (exact, spaces ignored)."""
    done_words: tuple[str, ...] = _words("已完成、已全部完成、全面完成、圆满完成、已建成、已投用、已投入使用、已投产、已竣工、"
                                         "已完工、已办结、已通过验收、已落实到位")
    """完成用语: with no 完成状态, a text with one of these (and no 推进用语) counts as 已完成."""
    open_words: tuple[str, ...] = _words("正在、推进中、加快、预计、即将、计划、拟、下一步、下步、尚未、持续、准备、继续、争取、力争、待")
    """推进用语: words that say the work goes on; they keep a 完成用语 from counting as 已完成."""
    lagging_words: tuple[str, ...] = _words("滞后、进度缓慢、推进缓慢、进展缓慢、未达序时、落后于序时、暂停、停滞、未能按期、"
                                            "延期、搁置")
    """滞后用语: with no 完成状态, a text with one of these counts as 滞后 (before any other word)."""
    not_started_words: tuple[str, ...] = _words("未启动、尚未启动、尚未开工、未开工、暂未启动、尚未开展、暂未开展、还未启动")
    """未启动用语: with no 完成状态, a text with one of these and no 完成用语 or 推进用语 counts as 未启动."""
    warn_days: int = 30
    """临近时限天数: not done and the deadline this many days or fewer after the period's end → 黄."""
    yellow_behind: float = 10.0
    """黄灯落后序时百分点: a stated share this many points or more below 序时进度 → 黄 (银川: 10)."""
    red_behind: float = 30.0
    """红灯落后序时百分点: more than this many points below 序时进度 → 红 (银川: 30)."""
    lagging_light: str = YELLOW
    """滞后亮灯: the light of 滞后."""
    not_started_light: str = YELLOW
    """未启动亮灯: the light of 未启动 once 序时进度 is above 0 (银川: not started in the planned month 黄)."""
    yellow_twice_red: bool = True
    """连续黄灯转红: 黄 in this period and the previous one → 红."""
    undated_year_end: bool = True
    """无时限按年底: a task without 完成时限 is due at the end of the breakdown's year (持续推进 never is)."""
    copy_threshold: float = 90.0
    """照抄相似度: rapidfuzz ``fuzz.ratio`` (0–100) at or above which a text counts as copied from last period."""
    copy_min_chars: int = 10
    """照抄最短字数: shorter texts are never flagged as copied (a token answer gets its own hint)."""
    token_words: tuple[str, ...] = _words("已推进、正在推进、推进中、按计划推进、有序推进、按序时推进、无、暂无、无进展、同上、见上、"
                                          "已完成、完成、已落实、落实中")
    """空泛答复: an answer that is only one of these (punctuation ignored) is a token answer."""
    token_max_chars: int = 3
    """空泛最长字数: any answer this short (punctuation ignored) is a token answer too."""
    quantify_min_chars: int = 60
    """量化最短字数: an answer this long with no number or date gets the hint 缺少量化数据."""

    def status_of(self, word: str) -> str | None:
        """The class of a written 完成状态 (spaces and end punctuation ignored); None when unknown."""
        key = "".join(word.split()).strip("。.；;，,")
        return _synonym_index(self.synonyms).get(key)

    def override(self, changes: Mapping[str, Any]) -> StatusRules:
        """A copy with some rules changed; keys are field names or the Chinese labels of docs/status.md.

        Word lists are replaced (a list, or one string with 、 between words); ``synonyms``
        (完成状态同义词) adds to and overrides the defaults, as a mapping or ``"基本完成=已完成、…"``.

        Raises:
            ValueError: an unknown rule or a value of the wrong kind (a Chinese message naming it).
        """
        values: dict[str, Any] = {}
        for key, value in changes.items():
            name = _FIELD_OF.get(str(key).strip(), str(key).strip())
            if name not in _LABELS:
                raise ValueError(f"未知的亮灯规则“{key}”；可用的规则：{'、'.join(_LABELS.values())}")
            values[name] = _convert(self, name, value)
        return dataclasses.replace(self, **values)

    def table(self) -> list[tuple[str, str, str]]:
        """(Chinese label, value as text, field name) of every rule: the rules sheet's rows."""
        return [(label, _as_text(getattr(self, name)), name) for name, label in _LABELS.items()]


_LABELS = {
    "synonyms": "完成状态同义词", "done_words": "完成用语", "open_words": "推进用语", "lagging_words": "滞后用语",
    "not_started_words": "未启动用语", "warn_days": "临近时限天数", "yellow_behind": "黄灯落后序时百分点",
    "red_behind": "红灯落后序时百分点", "lagging_light": "滞后亮灯", "not_started_light": "未启动亮灯",
    "yellow_twice_red": "连续黄灯转红", "undated_year_end": "无时限按年底", "copy_threshold": "照抄相似度",
    "copy_min_chars": "照抄最短字数", "token_words": "空泛答复", "token_max_chars": "空泛最长字数",
    "quantify_min_chars": "量化最短字数",
}
_FIELD_OF = {label: name for name, label in _LABELS.items()}
RULE_HELP = {
    "synonyms": "单位填写的完成状态归入四类之一（词=类别，用“、”分隔）；未列出的词按进展情况文字判断并提示",
    "done_words": "未填完成状态时：进展情况最后一句含这些词、全文不含推进用语，按“已完成”计",
    "open_words": "表示工作仍在进行的词：有这些词时不按“已完成”计",
    "lagging_words": "未填完成状态时：进展情况含这些词按“滞后”计（优先于其他用语）",
    "not_started_words": "未填完成状态时：含这些词、且无完成用语和推进用语，按“未启动”计",
    "warn_days": "未完成且完成时限在报告期末之后这么多天以内：黄灯",
    "yellow_behind": "进展情况自报的完成比例低于序时进度这么多个百分点及以上：黄灯",
    "red_behind": "低于序时进度超过这么多个百分点：红灯",
    "lagging_light": "“滞后”亮的灯",
    "not_started_light": "“未启动”亮的灯（任务时间节点尚未到达时为绿灯）",
    "yellow_twice_red": "本期和上期都是黄灯：转为红灯",
    "undated_year_end": "没有完成时限的任务按当年年底为时限（“持续推进”等除外）",
    "copy_threshold": "单位本期进展与本单位上期进展的相似度（0–100）达到此值：疑似照抄上期",
    "copy_min_chars": "少于此字数的进展不作照抄判断",
    "token_words": "进展情况只有这些词：提示“没有实质内容”",
    "token_max_chars": "进展情况（去掉标点）不超过此字数：提示“没有实质内容”",
    "quantify_min_chars": "进展情况达到此字数却没有数字或日期：提示“缺少量化数据”",
}
"""The 说明 column of the rules sheet (Chinese, for the clerk)."""
_INDEX: list[tuple[tuple[tuple[str, str], ...], dict[str, str]]] = []


def _synonym_index(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    if _INDEX and _INDEX[0][0] is pairs:
        return _INDEX[0][1]
    index = {"".join(w.split()): cls for w, cls in pairs}
    _INDEX[:] = [(pairs, index)]
    return index


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return "、".join(f"{w}={cls}" for w, cls in value)
    if isinstance(value, tuple):
        return "、".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _convert(rules: StatusRules, name: str, value: Any) -> Any:
    label = _LABELS[name]
    current = getattr(rules, name)
    try:
        if name == "synonyms":
            return _synonyms(rules, value)
        if isinstance(current, bool):
            return _boolean(value)
        if isinstance(current, tuple):
            return _words(value) if isinstance(value, str) else tuple(str(w) for w in value)
        if isinstance(current, int):
            return int(float(value))
        if isinstance(current, float):
            return float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"亮灯规则“{label}”的值“{value}”无法识别（{exc}）") from exc
    text = str(value).strip()
    if name.endswith("_light") and text not in LIGHTS:
        raise ValueError(f"亮灯规则“{label}”的值“{value}”无法识别；应为 绿、黄 或 红")
    return text


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("是", "true", "1", "yes", "y", "开"):
        return True
    if text in ("否", "false", "0", "no", "n", "关"):
        return False
    raise ValueError("应为 是 或 否")


def _synonyms(rules: StatusRules, value: Any) -> tuple[tuple[str, str], ...]:
    pairs = value.items() if isinstance(value, Mapping) else (
        tuple(p.split("=", 1)) for p in _words(str(value).replace("＝", "=")))
    added: dict[str, str] = {}
    for pair in pairs:
        word, cls = (str(x).strip() for x in pair)
        if cls not in STATUSES:
            raise ValueError(f"“{word}”应归入 已完成、序时推进、滞后 或 未启动，不能归入“{cls}”")
        added[word] = cls
    kept = tuple((w, c) for w, c in rules.synonyms if w not in added)
    return kept + tuple(added.items())


def read_rules(path: PathLike, *, sheet: str = RULES_SHEET, base: StatusRules | None = None) -> StatusRules:
    """The rules of a rules workbook: a sheet (default 亮灯规则) with columns 规则 | 值; rows not given keep the defaults.

    Raises:
        LayoutError: no such sheet, or no 规则/值 header in it.
        ValueError: an unknown rule or value (the message names the row).

    Example:
        >>> rules = read_rules("亮灯规则.xlsx")          # doctest: +SKIP
        >>> report = merge(bd, returns, rules=rules)      # doctest: +SKIP
    """
    from govtasks.io.workbook import read_workbook

    book = read_workbook(path)
    found = next((s for s in book.sheets if s.name == sheet), None)
    if found is None:
        raise LayoutError(f"{book.name}: 没有“{sheet}”工作表，无法读取亮灯规则", file=book.name, sheet=sheet)
    for r, row in enumerate(found.rows[:20]):
        labels = [c.strip() for c in row]
        if "规则" in labels and "值" in labels:
            key_col, value_col = labels.index("规则"), labels.index("值")
            changes = {}
            for line in found.rows[r + 1:]:
                key = line[key_col].strip() if key_col < len(line) else ""
                if key:
                    changes[key] = line[value_col] if value_col < len(line) else ""
            try:
                return (base or StatusRules()).override(changes)
            except ValueError as exc:
                raise ValueError(f"{book.name}!{sheet}: {exc}") from exc
    raise LayoutError(f"{book.name}!{sheet}: 未找到“规则”“值”表头", file=book.name, sheet=sheet)

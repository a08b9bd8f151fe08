"""Tests written against the mutants mutmut left alive in the pure core (tools/README.md, "Mutation testing").

Expected values are written out from the domain, never computed by the code under test.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govtasks.breakdown.deadlines import parse_deadline
from govtasks.model import DeadlineKind

# --- deadlines ------------------------------------------------------------------------------

_CN_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


@pytest.mark.parametrize(
    ("text", "year", "due"),
    [
        ("2023年6月底前", 2024, dt.date(2023, 6, 30)),
        ("2023年6月底前", None, dt.date(2023, 6, 30)),          # the text's own year needs no default
        ("2024年第二季度", 2023, dt.date(2024, 6, 30)),
        ("2023年二季度", 2024, dt.date(2023, 6, 30)),
        ("第一季度", 2024, dt.date(2024, 3, 31)),
        ("4季度", 2024, dt.date(2024, 12, 31)),
        ("2023年下半年", 2024, dt.date(2023, 12, 31)),
        ("下半年", 2022, dt.date(2022, 12, 31)),
        ("上半年", 2023, dt.date(2023, 6, 30)),
        ("2025年", 2024, dt.date(2025, 12, 31)),
        ("2025年前", 2024, dt.date(2025, 12, 31)),
        ("2025年内完成", 2024, dt.date(2025, 12, 31)),
        ("2023年全年", 2024, dt.date(2023, 12, 31)),
        ("年末", 2023, dt.date(2023, 12, 31)),
        ("全年", 2023, dt.date(2023, 12, 31)),
        ("十一月底", 2024, dt.date(2024, 11, 30)),
        ("十二月底前", 2023, dt.date(2023, 12, 31)),
        ("12月", 2024, dt.date(2024, 12, 31)),
        ("9月份", 2023, dt.date(2023, 9, 30)),
        ("2024-3-5", 2023, dt.date(2024, 3, 5)),
        ("2024/11/20前", 2023, dt.date(2024, 11, 20)),
        ("6月15日前", 2024, dt.date(2024, 6, 15)),
        ("6月15号", 2024, dt.date(2024, 6, 15)),
        ("2023/2/30", 2024, dt.date(2023, 2, 28)),               # a day past the month's end: its last day
        ("2024年2月30日", 2023, dt.date(2024, 2, 29)),
        ("2024年6月、9月", 2024, dt.date(2024, 9, 30)),           # several: the last
        ("2024年9月、6月", 2024, dt.date(2024, 9, 30)),
        ("2024年3月10日、2024年1月5日", 2023, dt.date(2024, 3, 10)),
        ("第一季度、第三季度", 2024, dt.date(2024, 9, 30)),
        ("上半年、第一季度", 2024, dt.date(2024, 6, 30)),
        ("2024年底前完成", 2023, dt.date(2024, 12, 31)),
        ("2023年上半年底前", 2024, dt.date(2023, 6, 30)),           # 底前 of a half is not the year's end
    ],
)
def test_deadline_dates(text: str, year: int | None, due: dt.date) -> None:
    d = parse_deadline(text, year)
    assert (d.text, d.kind, d.due) == (text, DeadlineKind.DATE, due)


@pytest.mark.parametrize("text", ["2023年13月", "0月15日", "13月15日", "视情况", "第五季度"])
def test_deadline_unparsed(text: str) -> None:
    d = parse_deadline(text, 2024)
    assert (d.kind, d.due, d.text) == (DeadlineKind.UNPARSED, None, text)


@pytest.mark.parametrize("text", ["每季度", "每月报送", "逐年推进", "长效机制", "动态调整", "按期完成", "每年"])
def test_deadline_ongoing(text: str) -> None:
    d = parse_deadline(text, 2024)
    assert (d.kind, d.due) == (DeadlineKind.ONGOING, None)


@pytest.mark.parametrize("text", ["6月底前", "第三季度", "上半年", "年底", "6月15日"])
def test_deadline_without_a_year_is_unparsed(text: str) -> None:
    assert parse_deadline(text, None).kind is DeadlineKind.UNPARSED


def test_deadline_blank_and_spaces() -> None:
    assert parse_deadline("   ", 2024).kind is DeadlineKind.NONE
    assert parse_deadline(None, 2024).kind is DeadlineKind.NONE  # type: ignore[arg-type]
    d = parse_deadline(" 2024 年 6 月 底前 ", 2023)
    assert (d.text, d.due) == ("2024 年 6 月 底前", dt.date(2024, 6, 30))


@settings(max_examples=200, deadline=None)
@given(year=st.integers(1990, 2099), month=st.integers(1, 12), cn=st.booleans(), own_year=st.booleans())
def test_month_end_falls_on_the_stated_month(year: int, month: int, cn: bool, own_year: bool) -> None:
    token = _CN_MONTHS[month - 1] if cn else str(month)
    text = f"{year}年{token}月底前" if own_year else f"{token}月底前"
    d = parse_deadline(text, year if not own_year else 1980)
    assert d.kind is DeadlineKind.DATE and d.due is not None
    assert (d.due.year, d.due.month) == (year, month)
    assert d.due.day == calendar.monthrange(d.due.year, month)[1]
    assert (d.due + dt.timedelta(days=1)).day == 1


@settings(max_examples=200, deadline=None)
@given(day=st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)), sep=st.sampled_from(["年月日", "...", "---", "///"]))
def test_a_written_date_is_that_date(day: dt.date, sep: str) -> None:
    text = f"{day.year}{sep[0]}{day.month}{sep[1]}{day.day}{sep[2] if sep[2] == '日' else ''}"
    assert parse_deadline(text, 1980).due == day


@settings(max_examples=100, deadline=None)
@given(year=st.integers(1990, 2099), quarter=st.integers(1, 4), cn=st.booleans())
def test_a_quarter_ends_on_its_last_month(year: int, quarter: int, cn: bool) -> None:
    q = "一二三四"[quarter - 1] if cn else str(quarter)
    due = parse_deadline(f"{year}年第{q}季度", 1980).due
    assert due is not None and due.year == year and due.month == 3 * quarter
    assert (due + dt.timedelta(days=1)).day == 1


# --- unit splitting -------------------------------------------------------------------------

from govtasks.breakdown.units import (  # noqa: E402
    UnitResolver,
    alias_key,
    is_group,
    split_names,
    split_outside_brackets,
    split_units,
)
from govtasks.model import RosterUnit  # noqa: E402


@pytest.mark.parametrize(
    ("cell", "names", "marked", "persons"),
    [
        ("市政\n府办\n公厅", ("市政府办公厅",), (), ()),                      # short wrapped pieces join
        ("区财政局 成员单位", ("区财政局成员单位",), (), ()),                  # a qualifier joins the previous
        ("区发改委\n（粮食局）", ("区发改委（粮食局）",), (), ()),
        ("区发改局及区财政局", ("区发改局", "区财政局"), (), ()),
        ("区发改委与区财政局", ("区发改委", "区财政局"), (), ()),
        ("区委办和区政府办", ("区委办", "区政府办"), (), ()),
        ("智能网联及新能源", ("智能网联及新能源",), (), ()),                   # 及 inside a name
        ("各镇各部门", ("各镇", "各部门"), (), ()),
        ("区直各单位各街道", ("区直各单位", "各街道"), (), ()),
        ("区民政局等单位", ("区民政局",), (), ()),
        ("区发改委、区财政局等部门", ("区发改委", "区财政局"), (), ()),
        ("市民政局 伍泽国", ("市民政局",), (), ("伍泽国",)),
        ("★区发改委；区财政局", ("区发改委", "区财政局"), ("区发改委",), ()),
        ("区工信局牵头，区科技局配合", ("区工信局", "区科技局"), ("区工信局",), ()),
        ("区工信局主办，区科技局协办", ("区工信局", "区科技局"), ("区工信局",), ()),   # bug fixed: 主办 ends like 办
        ("区工信局主办；区科技局协办", ("区工信局", "区科技局"), ("区工信局",), ()),
        ("区政府办主办，区财政局协办", ("区政府办", "区财政局"), ("区政府办",), ()),
        ("区工信局负责", ("区工信局",), (), ()),
        ("市发改委、\n财政局", ("市发改委", "市财政局"), (), ()),
        ("县发改局、省财政厅、交通局", ("县发改局", "省财政厅", "省交通局"), (), ()),   # the nearest prefix
        ("市场监管局、区财政局", ("市场监管局", "区财政局"), (), ()),             # 市场 is no place prefix
        ("（区发改委）、区财政局", ("（区发改委）", "区财政局"), (), ()),
        ("区发改委、、区财政局", ("区发改委", "区财政局"), (), ()),
        ("区发改委\r\n区财政局", ("区发改委", "区财政局"), (), ()),
        ("区财政局、\n\n区商务局", ("区财政局", "区商务局"), (), ()),
        ("区城管局\t区交通局", ("区城管局", "区交通局"), (), ()),
        ("市国资委 ", ("市国资委",), (), ()),
        ("责任单位：区工信局、区科技局", ("区工信局", "区科技局"), (), ()),
        ("主责单位：区工信局", ("区工信局",), ("区工信局",), ()),
        ("牵头单位: 区工信局，配合单位：区科技局", ("区工信局", "区科技局"), ("区工信局",), ()),
        ("区发改委（区粮食局、区物价局）、区财政局", ("区发改委（区粮食局、区物价局）", "区财政局"), (), ()),
        ("区卫健委\n各镇人民政府", ("区卫健委", "各镇人民政府"), (), ()),
        ("区住建局、区直有关部门", ("区住建局", "区直有关部门"), (), ()),
        ("区发改委★、区财政局*", ("区发改委", "区财政局"), ("区发改委", "区财政局"), ()),
        ("   ", (), (), ()),
    ],
)
def test_split_units_cells(cell: str, names: tuple[str, ...], marked: tuple[str, ...], persons: tuple[str, ...]) -> None:
    found = split_units(cell)
    assert (found.names, found.marked, found.persons) == (names, marked, persons)


def test_split_names_and_outside_brackets() -> None:
    assert split_names("张三\r\n李四；王五;,赵六，钱七、孙八") == ("张三", "李四", "王五", "赵六", "钱七", "孙八")
    assert split_names("") == ()
    # two two-character names padded to three, run together (h56 南陵 2024's 分管县领导 cell)
    assert split_names("陆 明俞 悦") == ("陆 明", "俞 悦")
    assert split_names("刘 哲") == ("刘 哲",) and split_names("欧阳 明") == ("欧阳 明",)
    assert split_names("王 东、李四") == ("王 东", "李四")
    assert split_outside_brackets("甲（乙、丙）、丁", "、") == [("甲（乙、丙）", "、"), ("丁", "")]
    assert split_outside_brackets("甲、乙", "、") == [("甲", "、"), ("乙", "")]
    assert split_outside_brackets("甲）、乙（丙、丁", "、") == [("甲）", "、"), ("乙（丙、丁", "")]   # depth never below 0
    assert split_outside_brackets("甲（乙）；丙，丁", "；，") == [("甲（乙）", "；"), ("丙", "，"), ("丁", "")]


def test_alias_key_spellings() -> None:
    assert alias_key("区 发展和改革委员会") == "区发改委"
    assert alias_key("市人力资源和社会保障局(市医疗保障局)") == "市人社局（市医保局）"
    assert alias_key("区财政局") == "区财政局"
    assert is_group("各乡镇") and is_group("有关部门") and not is_group("区发改委")


def test_resolver_merges_spellings_the_dominant_prefix_and_ties() -> None:
    r = UnitResolver()
    merged = r.learn(["区发改委", "发改委", "发改委", "区财政局", "区人社局"])
    # the document is a 区 document: 发改委 is 区发改委, and the prefixed spelling wins over the more used one
    assert merged == {"区发改委": ("区发改委", "发改委")}
    assert r.canonical("发改委") == "区发改委" and r.canonical("区发展和改革委员会") == "区发改委"
    assert r.canonical("区财政局") == "区财政局" and r.canonical("县财政局") == "县财政局"
    assert r.resolve(["发改委", "区发改委", "区财政局"]) == ("区发改委", "区财政局")
    r2 = UnitResolver()
    assert r2.learn(["发展改革委", "发改委"]) == {"发展改革委": ("发展改革委", "发改委")}   # a tie: the first
    assert r2.learn(["发改委", "发展改革委", "发展改革委"]) == {"发展改革委": ("发改委", "发展改革委")}  # learn forgets
    assert r2.known("发改委") is False and r2.expand("各镇") is None


def test_resolver_roster_groups() -> None:
    roster = [RosterUnit(name="峨山镇", groups=("各镇",)), RosterUnit(name="孙村镇", groups=("各镇", "各乡镇")),
              RosterUnit(name="区财政局", aliases=("财政局",))]
    r = UnitResolver(roster)
    assert r.expand("各镇") == ("峨山镇", "孙村镇") and r.expand("各乡镇") == ("孙村镇",)
    assert r.resolve(["各镇", "财政局", "区交通局"]) == ("峨山镇", "孙村镇", "区财政局", "区交通局")
    assert r.resolve_one("各镇") == ("峨山镇", "孙村镇") and r.resolve_one("各镇") == ("峨山镇", "孙村镇")
    assert r.known("财政局") and not r.known("区交通局")
    assert r.learn(["财政局", "区财政局"]) == {"区财政局": ("财政局", "区财政局")}   # the roster's name first


_NAME = st.text(alphabet="发改财政商务科技交通教体人社住建", min_size=2, max_size=6).map(lambda s: "区" + s + "局")


@settings(max_examples=200, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=6, unique=True), st.sampled_from(["、", "，", "；", ",", ";", "\n"]))
def test_joined_units_split_back(names: list[str], sep: str) -> None:
    found = split_units(sep.join(names)).names
    assert found == tuple(names)
    assert split_units("、".join(found)).names == found
    assert all(n and not any(c in n for c in "、，,；; \n\t") for n in found)


@settings(max_examples=200, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=5, unique=True), st.integers(0, 4))
def test_a_lead_mark_marks_that_unit_only(names: list[str], at: int) -> None:
    at %= len(names)
    cell = "、".join(n + "*" if i == at else n for i, n in enumerate(names))
    found = split_units(cell)
    assert found.names == tuple(names) and found.marked == (names[at],)


# --- periods --------------------------------------------------------------------------------

from govtasks.periods import Period  # noqa: E402


def test_period_previous_wraps_to_the_last_of_the_year_before() -> None:
    assert Period.parse("2024").previous() == Period(2023, "Y", 1)
    assert Period.parse("2024H1").previous() == Period(2023, "H", 2)
    assert Period.parse("2024Q1").previous() == Period(2023, "Q", 4)
    assert Period.parse("2024M01").previous() == Period(2023, "M", 12)
    assert Period.parse("2024Q3").previous() == Period(2024, "Q", 2)
    assert Period.parse("2024M07").previous() == Period(2024, "M", 6)


def test_period_labels_with_digits_and_checks() -> None:
    assert Period.parse("2024年第2季度") == Period(2024, "Q", 2)
    assert Period.parse("2024年第四季度") == Period(2024, "Q", 4)
    assert Period.parse("2024年三季度") == Period(2024, "Q", 3)
    assert Period.parse("2024年上半年") == Period(2024, "H", 1)
    assert Period.parse("2024年6月份") == Period(2024, "M", 6)
    assert Period.parse(" 2024 q 4 ") == Period(2024, "Q", 4)
    with pytest.raises(ValueError, match="“2024Q5”"):
        Period.parse("2024Q5")
    with pytest.raises(ValueError, match="期间“”"):
        Period.parse(None)  # type: ignore[arg-type]
    for bad in (Period(2024, "Y", 2), Period(2024, "Q", 5), Period(2024, "H", 3), Period(2024, "M", 0),
                Period(2024, "X", 1)):
        with pytest.raises(ValueError, match="期间"):
            bad._check("x")
    Period(2024, "M", 12)._check("x")
    Period(2024, "Q", 4)._check("x")


@pytest.mark.parametrize(
    ("cell", "names", "marked"),
    [
        ("市政、府办", ("市政", "市府办"), ()),                          # a hard separator never joins a name
        ("市政\n、府办", ("市政", "市府办"), ()),                         # "\n、" is one separator, the hard one
        ("区财政局\n、区商务局", ("区财政局", "区商务局"), ()),
        ("各县、市、区政府、区财政局", ("各县、市、区政府", "区财政局"), ()),
        ("区发改委（粮食局）\n区财政局", ("区发改委（粮食局）", "区财政局"), ()),
        ("市政\n府办（公厅）", ("市政府办（公厅）",), ()),                  # brackets: the same soft-break rule
        ("市政（府）、办公厅", ("市政（府）", "办公厅"), ()),
        ("区发改委（粮食局）\n成员单位", ("区发改委（粮食局）成员单位",), ()),
        ("区政府各部门", ("区政府各部门",), ()),                          # 区政府 is no group: one name
        ("牵头单位：区工信局、区科技局", ("区工信局", "区科技局"), ("区工信局", "区科技局")),
        ("区工信局牵头，区科技局配合，区财政局参与", ("区工信局", "区科技局", "区财政局"), ("区工信局",)),
        ("区财政局，区工信局牵头", ("区财政局", "区工信局"), ("区工信局",)),
    ],
)
def test_split_units_separators_and_clauses(cell: str, names: tuple[str, ...], marked: tuple[str, ...]) -> None:
    found = split_units(cell)
    assert (found.names, found.marked) == (names, marked)


def test_split_outside_brackets_nested_and_plain() -> None:
    assert split_outside_brackets("甲、乙；丙", "、；") == [("甲", "、"), ("乙", "；"), ("丙", "")]
    assert split_outside_brackets("（甲（乙）、丙）、丁", "、") == [("（甲（乙）、丙）", "、"), ("丁", "")]
    assert split_outside_brackets("甲（乙（丙）、丁）、戊", "、") == [("甲（乙（丙）、丁）", "、"), ("戊", "")]


def test_resolver_prefix_rules() -> None:
    r = UnitResolver()
    assert r.learn(["发改委", "区财政局"]) == {}
    assert r.canonical("区发改委") == "发改委"            # the prefixed key of a single spelling is learned too
    r = UnitResolver()
    assert r.learn(["区财政局", "城投公司", "区城投公司"]) == {}   # 公司 takes no prefix: two units
    r = UnitResolver()
    # 区 names three units once each, 市 one unit twice: the dominant prefix counts units and uses
    merged = r.learn(["区财政局", "区商务局", "区交通局", "市发改委", "市发改委", "科技局", "区科技局"])
    assert merged == {"区科技局": ("科技局", "区科技局")}
    roster = [RosterUnit(name="区发展和改革委员会", aliases=("发改委",))]
    r = UnitResolver(roster)
    assert r.learn(["区发改委", "区发展改革委"]) == {"区发展和改革委员会": ("区发改委", "区发展改革委")}


@pytest.mark.parametrize("text", ["十三月底", "二十月底"])
def test_deadline_month_words_past_twelve(text: str) -> None:
    assert parse_deadline(text, 2024).kind is DeadlineKind.UNPARSED


@pytest.mark.parametrize("text", ["2024H3", "2024M13", "2024M0"])
def test_period_check_names_the_text(text: str) -> None:
    with pytest.raises(ValueError, match=f"“{text}”"):
        Period.parse(text)

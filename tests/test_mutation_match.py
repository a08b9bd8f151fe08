"""Tests written against the mutants mutmut left alive in govtasks/returns/match.py (tools/README.md,
"Mutation testing").

Expected values are written out from the domain, never computed by the code under test. Similarity
scores are Dice coefficients of character bigrams, counted by hand in the comments:
2 × shared / (bigrams of one + bigrams of the other).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govtasks.model import Breakdown, Deadline, RosterUnit, Task
from govtasks.returns.match import (
    Context,
    Header,
    RawRow,
    _answer_fill,
    _bigrams,
    _cell,
    _extras,
    _header_at,
    _is_header_again,
    _is_heading,
    _row_values,
    contact_pairs,
    custom_field,
    find_header,
    match_row,
    norm_text,
    scan_rows,
    similarity,
)

# Four tasks whose texts share no bigram with one another:
#   实施城市更新行动 7 bigrams, 优化营商环境 5, 改善农村人居条件 7, 发展数字经济产业 7.
T1 = Task(id="T001", number="1", path=("一、扩大有效投资", "（一）实施城市更新行动"), text="实施城市更新行动",
          deadline=Deadline(text="2024年12月底前"), lead=("区住建局",), coop=("区财政局",))
T2 = Task(id="T002", number="2", path=("二、优化营商环境",), text="优化营商环境", lead=("区数据资源局",),
          coop=("区市场监管局",))
T3 = Task(id="T003", number="3", path=("三、推进乡村振兴",), text="改善农村人居条件", lead=("区农业农村局",),
          coop=("区财政局",))
T4 = Task(id="T004", number="4", path=("四、发展数字经济",), text="发展数字经济产业", lead=("区经信局",))
BD = Breakdown(title="2024年区政府重点工作任务分解", year=2024, tasks=(T1, T2, T3, T4))
FINANCE = (T1, T3)
"""区财政局's tasks (it cooperates on T001 and T003)."""


@pytest.fixture
def ctx() -> Context:
    return Context(BD)


# --- Header, _header_at, find_header ---------------------------------------------------------

HEADER_ROW = ["任务编号", "序号", "任务内容", "牵头单位", "完成状态", "进展情况", "备注", ""]


def test_header_without_fields() -> None:
    """A header with no field: last column -1, and a row yields no cells."""
    h = Header(0, {}, {})
    assert h.last_column == -1
    assert h.getter(["T001", "进展"]) == ()


def test_header_getter_one_field() -> None:
    """With one field the getter still returns a tuple (the first column repeated), not the bare cell."""
    h = Header(3, {"progress": 1}, {1: "进展情况"})
    assert h.last_column == 1
    assert h.getter(["T001", "已完成改造"]) == ("已完成改造", "已完成改造")
    assert _row_values([["T001", " 已完成改造 "]], 0, h, {}) == ({"progress": "已完成改造"}, {})


def test_header_at_fields_and_labels() -> None:
    """Fields take the first column of each label; every non-empty cell is kept as its stripped label."""
    row = ["任务编号", " 任务内容 ", "说明", "进展情况", "进展情况", ""]
    h = _header_at([row], 0)
    assert h is not None
    assert h.row == 0
    assert h.fields == {"id": 0, "text": 1, "progress": 3}
    assert h.labels == {0: "任务编号", 1: "任务内容", 2: "说明", 3: "进展情况", 4: "进展情况"}


def test_header_at_two_fields_are_enough() -> None:
    """An identity field and an answer field make a header."""
    h = _header_at([["任务编号", "进展情况"]], 0)
    assert h is not None and h.fields == {"id": 0, "progress": 1}


@pytest.mark.parametrize("row", [
    ["任务编号", "序号", "任务内容"],       # no answer column
    ["完成状态", "进展情况", "存在问题"],   # nothing to identify the task
    ["进展情况"],
])
def test_header_at_rejects(row: list[str]) -> None:
    assert _header_at([row], 0) is None


def _blank(n: int) -> list[list[str]]:
    return [["", ""] for _ in range(n)]


def test_find_header_scans_40_rows() -> None:
    """The header is looked for in the first 40 rows only."""
    assert find_header(_blank(39) + [["任务编号", "进展情况"]]).row == 39
    assert find_header(_blank(40) + [["任务编号", "进展情况"]]) is None


SMALL = ["任务编号", "进展情况"]
BIG = ["序号", "任务内容", "完成状态", "进展情况", "存在问题"]


def test_find_header_hint_wins_when_it_has_id_and_progress() -> None:
    """A hinted row with 任务编号 and 进展情况 is taken even when another row names more fields."""
    rows = [SMALL, BIG]
    assert find_header(rows).row == 1
    assert find_header(rows, hint=0).row == 0
    assert find_header([["填报单位：区财政局"], SMALL, BIG], hint=1).row == 1


def test_find_header_hint_without_id_is_ignored() -> None:
    rows = [["任务内容", "进展情况"], BIG]
    assert find_header(rows, hint=0).row == 1


def test_find_header_hint_out_of_range() -> None:
    rows = [SMALL, BIG]
    assert find_header(rows, hint=2).row == 1
    assert find_header(rows, hint=-1).row == 1


def test_find_header_first_of_equal_rows() -> None:
    """Of two rows naming as many fields, the first is the header."""
    rows = [["任务编号", "进展情况"], ["序号", "完成状态"]]
    assert find_header(rows).row == 0


# --- text comparison ------------------------------------------------------------------------


def test_norm_text_drops_whitespace_only() -> None:
    assert norm_text(" 实施 城市\n更新，行动\t") == "实施城市更新，行动"


@pytest.mark.parametrize(("text", "grams"), [
    ("城市更新", {"城市", "市更", "更新"}),
    ("城、市", {"城市"}),           # punctuation is dropped before pairing
    ("城市", {"城市"}),
    ("城", {"城"}),                 # one character: itself
    ("", {""}),
    ("A-1", {"A1"}),
])
def test_bigrams(text: str, grams: set[str]) -> None:
    assert _bigrams(text) == frozenset(grams)


def test_similarity_values() -> None:
    a = frozenset({"城市", "市更", "更新"})
    b = frozenset({"城市", "市更", "更新", "新行", "行动"})
    assert similarity(a, b) == pytest.approx(2 * 3 / 8)
    assert similarity(a, a) == 1.0
    assert similarity(a, frozenset({"行动"})) == 0.0
    assert similarity(frozenset(), b) == 0.0
    assert similarity(frozenset(), frozenset()) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="城市更新行动实施改造", min_size=0, max_size=12))
def test_similarity_with_itself_is_one(text: str) -> None:
    """Any text is fully similar to itself (a one-character or empty text too)."""
    g = _bigrams(text)
    assert similarity(g, g) == 1.0
    assert all(len(x) == (2 if len(text) > 1 else len(text)) for x in g)


# --- Context: IDs, units, cached values -------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ("T001", ("T001", True)),
    (" T002 ", ("T002", True)),
    ("t1", ("T001", False)),      # lower case, zeros lost
    ("T-03", ("T003", False)),
    ("T004.0", ("T004", False)),
    ("2", ("T002", False)),       # the "T" lost too
    ("004", ("T004", False)),
    ("9", (None, False)),         # no such number
    ("X1", (None, False)),        # another prefix
    ("无编号", (None, False)),
    ("", (None, False)),
])
def test_task_id(ctx: Context, raw: str, expected: tuple[str | None, bool]) -> None:
    assert ctx.task_id(raw) == expected


def test_task_id_bare_number_prefers_a_bare_id() -> None:
    """A bare number matches a task whose ID is that bare number before one with a prefix."""
    a = Task(id="T001", number="1", text="实施城市更新行动", lead=("区住建局",))
    b = Task(id="001", number="2", text="优化营商环境", lead=("区数据资源局",))
    ctx = Context(Breakdown(tasks=(a, b)))
    assert ctx.task_id("1") == ("001", False)


UNIT_TASKS = (
    Task(id="T001", number="1", text="实施城市更新行动", lead=("区住建局",), coop=("区财政局", "区教委")),
    Task(id="T002", number="2", text="优化营商环境", lead=("公安分局",), coop=("公安分局交警大队",)),
    Task(id="T003", number="3", text="改善农村人居条件", lead=("区财政局国库中心",)),
)
ROSTER = (
    RosterUnit(name="区住房和城乡建设局", aliases=("住建部门",)),
    RosterUnit(name="区发改委"),
    RosterUnit(name="区发展和改革委员会", aliases=("发改部门",)),
)


@pytest.fixture
def units() -> Context:
    return Context(Breakdown(tasks=UNIT_TASKS, roster=ROSTER))


@pytest.mark.parametrize(("name", "unit"), [
    ("区住建局", "区住建局"),          # the task's own spelling, though the roster spells it out
    (" 区财政局 ", "区财政局"),
    ("财政局", "区财政局"),            # the place prefix left out
    ("市财政局", "区财政局"),          # another place prefix
    ("区教委", "区教委"),              # a three-character name has no short form
    ("教委", None),
    ("区发展和改革委员会", "区发改委"),  # the roster's first unit with that key
    ("发改部门", "区发改委"),          # an alias of a duplicate roster entry: the first one's name
    ("公安分局", "公安分局"),
    ("安分局", None),                 # only place prefixes are dropped
    ("的财政局", None),
    ("区公安局", None),
])
def test_resolve_unit(units: Context, name: str, unit: str | None) -> None:
    assert units.resolve_unit(name) == unit


@pytest.mark.parametrize(("text", "unit"), [
    ("财政局报送材料", "区财政局"),                    # a three-character key
    ("报送财政局", "区财政局"),                        # at the very end
    ("区财政局国库中心2024年二季度", "区财政局国库中心"),  # the longest name
    ("区财政局、区住建局", "区财政局"),                # the first of equally long names
    ("区住建局区财政局", "区住建局"),                  # a longer name does not fit past the end
    ("公安分局", "公安分局"),                          # the longer name of that head does not fit
    ("公安分局交警大队区财政局", "公安分局交警大队"),
    ("区政府办公室", None),
    ("区", None),
])
def test_find_unit(units: Context, text: str, unit: str | None) -> None:
    assert units.find_unit(text) == unit


def test_for_unit(ctx: Context) -> None:
    assert ctx.for_unit("区财政局") == (T1, T3)
    assert ctx.for_unit("区住建局") == (T1,)
    assert ctx.for_unit("区公安局") == ()


def test_cached_values(ctx: Context) -> None:
    spaced = Task(id="T009", text="实施 城市更新\n行动", lead=("区住建局",), coop=("区财政局", "区教委"))
    assert ctx.norm(spaced) == "实施城市更新行动"
    assert ctx.norm(spaced) == "实施城市更新行动"
    assert ctx.expected(spaced) == ("", "区住建局", "区财政局、区教委")
    assert ctx.expected(T1) == ("2024年12月底前", "区住建局", "区财政局")
    assert ctx.expected(T1) is ctx.expected(T1)  # computed once per task
    assert ctx.is_section("一、扩大有效投资 / （一）实施城市更新行动")
    assert ctx.is_section("二、优化营商环境")
    assert not ctx.is_section("五、其他工作")
    assert not ctx.is_section("五、其他工作")


# --- best_by_text, match_row -----------------------------------------------------------------

SAME = "开展安全生产大检查"
D1 = Task(id="T101", number="1", path=("一、安全生产",), text=SAME, lead=("区应急局",))
D2 = Task(id="T102", number="2", path=("二、消防安全",), text=SAME, lead=("区应急局",))
D3 = Task(id="T103", number="1", path=("二、消防安全",), text="组织消防应急演练", lead=("区应急局",))
TWINS = Context(Breakdown(tasks=(D1, D2, D3)))


def test_best_by_text_no_candidates(ctx: Context) -> None:
    assert ctx.best_by_text("实施城市更新行动", "1", ()) == (None, 0.0)


def test_best_by_text_first_of_equal() -> None:
    assert TWINS.best_by_text(SAME, "", (D1, D2)) == (D1, 1.0)
    assert TWINS.best_by_text(SAME, "3", (D1, D2)) == (D1, 1.0)


def test_best_by_text_number_breaks_the_tie() -> None:
    """序号 equal adds 0.15: the second twin wins when the row says 序号 2."""
    task, score = TWINS.best_by_text(SAME, "2", (D1, D2))
    assert task is D2
    assert score == pytest.approx(1.15)


def test_match_row_id_alone(ctx: Context) -> None:
    """An ID without text (or with the task's text, spacing aside) is a full match."""
    assert match_row({"id": "T001"}, ctx, FINANCE) == (T1, "id", 1.0)
    assert match_row({"id": "T001", "text": ""}, ctx, FINANCE) == (T1, "id", 1.0)
    assert match_row({"id": "T001", "text": "实施城市 更新行动"}, ctx, FINANCE) == (T1, "id", 1.0)
    assert match_row({"id": "t1"}, ctx, FINANCE) == (T1, "id-fixed", 1.0)


def test_match_row_id_with_edited_text(ctx: Context) -> None:
    """实施城市更新 (5 bigrams, all in the task's 7): the ID stands, scored 10/12."""
    assert match_row({"id": "T001", "text": "实施城市更新"}, ctx, FINANCE) == (T1, "id", pytest.approx(10 / 12))


def test_match_row_id_doubt_boundary() -> None:
    """Own score exactly 0.3 (13 and 7 bigrams, 3 shared) is not doubted, though another task has the text."""
    other = Task(id="T005", number="5", text="实施城市规划建设管理提升工程", lead=("区住建局",))
    ctx = Context(Breakdown(tasks=(T1, other)))
    assert match_row({"id": "T001", "text": "实施城市规划建设管理提升工程"}, ctx, (T1, other)) == (T1, "id", 0.3)


def test_match_row_id_conflict_needs_0_8(ctx: Context) -> None:
    """The row's text is another task's: 优化营商环节 vs 优化营商环境 is 2×4/10 = 0.8, enough to override."""
    assert match_row({"id": "T001", "text": "优化营商环节"}, ctx, BD.tasks) == (T2, "id-conflict", 0.8)


def test_match_row_id_kept_when_no_text_is_close(ctx: Context) -> None:
    """实施城市规划 shares nothing with T002 and is only 0.5 like T001: the ID stands with score 0."""
    assert match_row({"id": "T002", "text": "实施城市规划"}, ctx, BD.tasks) == (T2, "id", 0.0)


def test_match_row_id_conflict_with_number(ctx: Context) -> None:
    """发展数字经济园区 vs T004: 2×5/14; with 序号 4 agreeing, + 0.15 ≥ 0.8."""
    task, how, score = match_row({"id": "T001", "text": "发展数字经济园区", "number": "4"}, ctx, BD.tasks)
    assert (task, how) == (T4, "id-conflict")
    assert score == pytest.approx(10 / 14 + 0.15)


def test_match_row_by_text_threshold(ctx: Context) -> None:
    """实施城市规划 vs 实施城市更新行动: 2×3/(5+7) = 0.5, just enough."""
    assert match_row({"text": "实施城市规划"}, ctx, FINANCE) == (T1, "text", 0.5)
    assert match_row({"id": "", "text": "实施城市规划"}, ctx, FINANCE) == (T1, "text", 0.5)


def test_match_row_by_text_with_number(ctx: Context) -> None:
    """实施城区 vs T001: 2×2/10 = 0.4; 序号 1 agreeing lifts it to 0.55."""
    task, how, score = match_row({"text": "实施城区", "number": "1"}, ctx, FINANCE)
    assert (task, how) == (T1, "text")
    assert score == pytest.approx(0.55)
    assert match_row({"text": "实施城区", "number": "3"}, ctx, FINANCE) == (None, "", 0.4)


def test_match_row_outside_the_units_tasks(ctx: Context) -> None:
    """A text of a task the unit does not have is found among all tasks (needs 0.6)."""
    assert match_row({"text": "优化营商环境"}, ctx, FINANCE) == (T2, "text", 1.0)
    assert match_row({"text": "优化营商服务"}, ctx, FINANCE) == (T2, "text", 0.6)   # 2×3/10
    assert match_row({"text": "优化营造"}, ctx, FINANCE) == (None, "", 0.5)         # 2×2/8 < 0.6
    task, how, score = match_row({"text": "优化营造", "number": "2"}, ctx, FINANCE)
    assert (task, how) == (T2, "text")
    assert score == pytest.approx(0.65)


def test_match_row_unmatched_text(ctx: Context) -> None:
    assert match_row({"text": "其他需要说明的事项"}, ctx, BD.tasks) == (None, "", 0.0)


def test_match_row_by_number(ctx: Context) -> None:
    assert match_row({"number": "3"}, ctx, FINANCE) == (T3, "number", 0.0)
    assert match_row({"number": "2"}, ctx, FINANCE) == (None, "", 0.0)    # not the unit's
    assert match_row({"number": "1"}, TWINS, (D1, D2, D3)) == (None, "", 0.0)  # two tasks numbered 1
    assert match_row({}, ctx, FINANCE) == (None, "", 0.0)


# --- rows: cells, fills, extras, contacts ------------------------------------------------------

def test_row_values_short_rows() -> None:
    """Cells past a row's end are empty, whether the row stops at or before the last field."""
    h = Header(0, {"id": 0, "text": 2, "progress": 4}, {})
    assert _row_values([["T001", "", " 实施城市更新行动 ", "x"]], 0, h, {}) == (
        {"id": "T001", "text": "实施城市更新行动", "progress": ""}, {})
    assert _row_values([["T001", "1"]], 0, h, {}) == ({"id": "T001", "text": "", "progress": ""}, {})
    assert _row_values([["T001", "1", "实施", "x", " 已开工 "]], 0, h, {}) == (
        {"id": "T001", "text": "实施", "progress": "已开工"}, {})


def test_row_values_filled_from_a_merge() -> None:
    h = Header(0, {"id": 0, "progress": 2}, {})
    rows = [["任务编号", "", "进展情况"], ["T001", "", "两项合并填报"], ["T003"]]
    assert _row_values(rows, 2, h, {(2, 2): 1}) == ({"id": "T003", "progress": "两项合并填报"}, {"progress": 1})
    assert _row_values(rows, 1, h, {(2, 2): 1}) == ({"id": "T001", "progress": "两项合并填报"}, {})
    assert _cell(rows, 2, 1) == ""
    assert _cell(rows, 1, 2) == "两项合并填报"


def test_answer_fill() -> None:
    """Only vertical merges below the header in answer columns fill down."""
    h = Header(1, {"id": 0, "text": 1, "progress": 2, "note": 3}, {})
    assert _answer_fill([], [(2, 2, 4, 2)], h) == {(3, 2): 2, (4, 2): 2}
    assert _answer_fill([], [(2, 3, 3, 3)], h) == {(3, 3): 2}
    assert _answer_fill([], [(2, 1, 4, 1)], h) == {}     # task text column
    assert _answer_fill([], [(0, 2, 2, 2)], h) == {}     # starts above the header
    assert _answer_fill([], [(1, 2, 2, 2)], h) == {}     # starts on the header
    assert _answer_fill([], [(2, 2, 2, 3)], h) == {}     # horizontal


def test_extras() -> None:
    h = Header(0, {"id": 0, "progress": 1}, {0: "任务编号", 1: "进展情况", 2: "联系人"})
    row = ["T001", "已完成", "王五", "另附照片"]
    assert _extras(row, h, [2, 3, 4, 5]) == [("联系人", "王五", 2, False), ("D列（无表头）", "另附照片", 3, True)]
    assert _extras(["T001", "", " "], h, [2, 3]) == []


def test_contact_pairs() -> None:
    assert contact_pairs(["", " 填报人：张三", "", "联系电话：", "5551234"]) == [("填报人", "张三"), ("联系电话", "5551234")]
    assert contact_pairs(["备注", "填报人：", "李四"]) == [("填报人", "李四")]
    assert contact_pairs(["填报人：", "", "李四"]) == [("填报人", "李四")]
    assert contact_pairs(["填报人：", "", "", "王五"]) == [("填报人", "")]
    assert contact_pairs(["填报人：", "联系电话：5551234"]) == [("填报人", ""), ("联系电话", "5551234")]
    assert contact_pairs(["实施城市更新行动", "已完成"]) == []
    assert contact_pairs(["  填报人：张三", ""]) == [("填报人", "张三")]   # indented label


def test_contact_pairs_long_cells_are_not_labels() -> None:
    """A cell of 60 characters or more is text, not a 填报人 label."""
    long60 = "填报人：" + "区财政局综合科" * 8
    assert len(long60) == 60
    assert contact_pairs([long60, "张三"]) == []
    assert contact_pairs([long60[:59], "张三"]) == [("填报人", long60[4:59])]


def test_is_header_again() -> None:
    assert _is_header_again(["任务编号", "任务内容", "进展情况"])
    assert _is_header_again(["", "序号", "任务内容", "完成状态", "进展情况"])
    assert not _is_header_again(["任务编号", "进展情况", "区财政局"])
    assert not _is_header_again(["T001", "实施城市更新行动", "已完成"])


def test_is_heading(ctx: Context) -> None:
    assert _is_heading(["", "二、优化营商环境", " "], 5, {}, ctx, set())
    assert _is_heading(["", "本单位牵头任务（2项）"], 5, {}, ctx, set())
    assert _is_heading(["", "配合任务"], 5, {}, ctx, set())
    assert _is_heading(["", "注：完成状态请下拉选择"], 5, {}, ctx, {(5, 1)})
    assert not _is_heading(["", "注：完成状态请下拉选择"], 5, {}, ctx, {(4, 1)})
    assert not _is_heading(["二、优化营商环境", "区财政局"], 5, {}, ctx, set())
    assert not _is_heading(["", "", "牵头任务"], 5, {"progress": "牵头任务"}, ctx, set())


def test_custom_field() -> None:
    assert custom_field("牵头领导") == "leaders"
    assert custom_field("责任人") == "persons"


# --- scan_rows ---------------------------------------------------------------------------------

def _r(*cells: str) -> list[str]:
    return list(cells) + [""] * (8 - len(cells))


GRID = [
    _r("区财政局2024年二季度重点工作进展情况表"),
    HEADER_ROW,
    _r("", "", "（一）实施城市更新行动"),                                         # 2 section heading
    _r("T001", "1", "实施城市更新行动", "区住建局", "序时推进", "完成改造老旧小区12个"),  # 3
    _r("  ", "", " "),                                                           # 4 blank
    HEADER_ROW,                                                                  # 5 header again
    _r("", "本单位配合任务（1项）"),                                              # 6
    _r("T003", "3", "改善农村人居条件", "区农业农村局", "已完成", "联系人：王五，电话5551234", "", "另报"),
    _r("", "", "其他需要说明的事项"),                                             # 8 note, not merged
    _r("", "", "以上数据截至6月20日"),                                            # 9 merged down to 10
    _r(),
    _r("", "注：完成状态请下拉选择"),                                              # 11 merged over 3 columns
    _r("", "表中数据为初步统计"),                                                 # 12 merged over 2 columns
    _r("", "", "填报人：张三", "", "", "联系电话：", "5551234"),
    _r("", "", "审核领导：李四"),
]
MERGES = [(0, 0, 0, 7), (9, 2, 10, 2), (11, 1, 11, 3), (12, 1, 12, 2)]


def test_scan_rows(ctx: Context) -> None:
    header = find_header(GRID)
    assert header.row == 1
    rows, contact = scan_rows(GRID, MERGES, header, ctx, FINANCE)
    assert [(x.row, x.task.id if x.task else None, x.how, x.score, x.raw_id) for x in rows] == [
        (3, "T001", "id", 1.0, "T001"),
        (7, "T003", "id", 1.0, "T003"),
        (8, None, "", 0.0, ""),
        (9, None, "", 0.0, ""),
        (12, None, "", 0.0, ""),
    ]
    assert rows[0] == RawRow(3, T1, "id", 1.0, {
        "id": "T001", "number": "1", "text": "实施城市更新行动", "lead": "区住建局", "status": "序时推进",
        "progress": "完成改造老旧小区12个", "note": ""}, {}, [], "T001")
    assert rows[1].values["progress"] == "联系人：王五，电话5551234"
    assert rows[1].extras == [("H列（无表头）", "另报", 7, True)]
    assert rows[4].values["number"] == "表中数据为初步统计"
    assert contact == [("填报人", "张三"), ("联系电话", "5551234"), ("审核领导", "李四")]


def test_scan_rows_first_row_and_fill(ctx: Context) -> None:
    """The row right below the header is read; a merged 进展情况 fills the rows below it."""
    grid = [HEADER_ROW, _r("T001", "1", "实施城市更新行动", "", "已完成", "两项合并填报：均已完成"),
            _r("T003", "3", "改善农村人居条件", "", "已完成")]
    header = find_header(grid)
    rows, contact = scan_rows(grid, [(1, 5, 2, 5)], header, ctx, FINANCE)
    assert [(x.row, x.task, x.values["progress"], x.origin) for x in rows] == [
        (1, T1, "两项合并填报：均已完成", {}), (2, T3, "两项合并填报：均已完成", {"progress": 1})]
    assert contact == []


def test_scan_rows_empty_sheet(ctx: Context) -> None:
    header = Header(0, {"id": 0, "progress": 1}, {})
    assert scan_rows([], [], header, ctx, FINANCE) == ([], [])

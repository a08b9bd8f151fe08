"""The fast reading paths give what the plain ones give.

Each fast path (the zip member reader, the column-wise text grid, the threaded
read of returns, the unit search by name heads, clean rows built
directly) is checked against the plain
computation it replaces, on real workbooks and on the awkward inputs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import random
import threading
import time
import zipfile
from pathlib import Path

import pytest
import returns_helpers as rh
from conftest import DATA, EXAMPLE_001

import govtasks as gt
from govtasks.breakdown.units import alias_key
from govtasks.io.workbook import _text_grid, cell_text, read_workbook
from govtasks.io.zip import Archive
from govtasks.returns import read as returns_mod
from govtasks.returns.match import Context


def _zip_files() -> list[Path]:
    return sorted(DATA.glob("*.xlsx")) + sorted(DATA.glob("*.docx"))


@pytest.mark.parametrize("path", _zip_files(), ids=lambda p: p.name)
def test_archive_reads_every_member_as_zipfile_does(path: Path) -> None:
    data = path.read_bytes()
    archive, reference = Archive(data), zipfile.ZipFile(io.BytesIO(data))
    for info in reference.infolist():
        assert archive.read(info.filename) == reference.read(info.filename)
        assert archive.crc(info.filename) == info.CRC
    assert archive.crc("xl/none.xml") is None
    with pytest.raises(KeyError):
        archive.read("xl/none.xml")


def test_archive_stored_members_fallbacks_and_damage() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("stored.xml", b"<a>stored</a>", compress_type=zipfile.ZIP_STORED)
        zf.writestr("deflated.xml", b"<b>" + b"x" * 5000 + b"</b>", compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("bzip.xml", b"<c>bzip2</c>", compress_type=zipfile.ZIP_BZIP2)
    data = buf.getvalue()
    archive = Archive(data)
    assert archive.read("stored.xml") == b"<a>stored</a>"
    assert archive.read("deflated.xml").startswith(b"<b>xxx")
    assert archive.read("bzip.xml") == b"<c>bzip2</c>"  # another compression: zipfile reads it
    with pytest.raises(zipfile.BadZipFile):
        Archive(b"not a zip at all")
    damaged = bytearray(data)
    start = data.index(b"<a>stored")
    damaged[start + 3] ^= 0xFF  # the stored bytes no longer match their CRC
    with pytest.raises(zipfile.BadZipFile):
        Archive(bytes(damaged)).read("stored.xml")


def test_text_grid_matches_cell_text_cell_by_cell() -> None:
    values = [
        ["序号", "任务", 1.0, None, True],
        [2.0, "第一行\r\n第二行", 3.5, dt.date(2024, 6, 30), ""],
        [13800138000.0, "plain", "", dt.datetime(2024, 6, 30, 9, 5), False],
    ]
    expected = [[cell_text(v) for v in row] for row in values]
    assert _text_grid(values) == expected
    assert _text_grid([row[:] for row in values[:1]] + [["a"]]) == [[cell_text(v) for v in values[0]], ["a"]]  # ragged
    assert _text_grid([]) == []
    text_only = [["序号", "任务"], ["1", " 推进中 "]]
    assert _text_grid(text_only) is text_only  # the usual form: kept as it is
    assert _text_grid([["a\r\nb", "c"], ["d", "e\rf"]]) == [["a\nb", "c"], ["d", "e\nf"]]


def test_real_workbooks_read_the_same_as_cell_by_cell() -> None:
    import python_calamine as pc

    for path in sorted(DATA.glob("*.xlsx")):
        wb = pc.CalamineWorkbook.from_path(str(path))
        plain = {name: [[cell_text(v) for v in row] for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
                 for name in wb.sheet_names}
        wb.close()
        assert {s.name: s.rows for s in read_workbook(path).sheets} == plain, path.name


def test_returns_read_by_threads_come_back_in_order_and_equal(tmp_path: Path, monkeypatch) -> None:
    bd = gt.import_breakdown(EXAMPLE_001)
    forms = gt.write_forms(bd, tmp_path / "forms", period="2024Q2")[:12]
    returned = tmp_path / "returns"
    returned.mkdir()
    for form in forms:
        unit = rh.form_meta(form)["单位"]
        rh.fill_form(form, {t.id: {"progress": f"{unit}{t.id}进展"} for t in bd.for_unit(unit)}, out=returned / form.name)
    threaded = gt.read_returns(returned, bd, period="2024Q2")
    monkeypatch.setattr(returns_mod, "WORKERS", 1)
    monkeypatch.setattr(returns_mod, "_in_order", lambda fn, items: contextlib.nullcontext(map(fn, items)))
    plain = gt.read_returns(returned, bd, period="2024Q2")
    assert threaded.entries == plain.entries and threaded.files == plain.files
    assert [i.message for i in threaded.issues] == [i.message for i in plain.issues]
    assert len({e.unit for e in threaded.entries}) == 12


def test_clean_rows_built_directly_equal_the_checked_path(tmp_path: Path, monkeypatch) -> None:
    """Rows that need no checking skip ``_Row``; whatever a row holds, the entries and issues
    are those the full check gives."""
    from govtasks.returns import rows as _rowcheck

    bd = gt.import_breakdown(EXAMPLE_001)
    forms = gt.write_forms(bd, tmp_path / "forms", period="2024Q2")[:10]
    returned = tmp_path / "returns"
    returned.mkdir()
    odd = ["", "已完成", "推进中（自填）", "=SUM(A1)", "+86 553 1234567", "正常推进。\n下步：=继续"]
    for n, form in enumerate(forms):
        unit = rh.form_meta(form)["单位"]
        answers = {t.id: {"progress": f"{unit}{t.id}：{odd[(n + i) % len(odd)]}", "status": odd[(n * 3 + i) % 3]}
                   for i, t in enumerate(bd.for_unit(unit))}
        first = next(iter(answers))
        answers[first]["status"] = "推进中（自填）"  # outside the vocabulary: checked
        rh.fill_form(form, answers, out=returned / form.name)
    built = []
    direct = _rowcheck._Fast.entry

    def counted(self, raw):
        entry = direct(self, raw)
        built.append(entry is not None)
        return entry

    monkeypatch.setattr(_rowcheck._Fast, "entry", counted)
    fast = gt.read_returns(returned, bd, period="2024Q2")
    monkeypatch.setattr(_rowcheck._Fast, "entry", lambda self, raw: None)
    checked = gt.read_returns(returned, bd, period="2024Q2")
    assert fast.entries == checked.entries
    assert [str(e.source) for e in fast.entries] == [str(e.source) for e in checked.entries]  # (not compared by ==)
    assert [(i.code, i.message, str(i.where)) for i in fast.issues] == \
           [(i.code, i.message, str(i.where)) for i in checked.issues]
    assert sum(built) > len(built) / 2 and not all(built)  # both paths really ran
    assert any(i.code == "bad-status" for i in fast.issues)


def test_make_progress_equals_the_constructor() -> None:
    from govtasks.returns.model import _PROGRESS_FIELDS, Progress, make_progress

    values = ("T001", "区发改委", "牵头", "已完成", "进展", "问题", "计划", "备注", (("其他", "x"),), "1", "任务",
              gt.CellRef(file="a.xlsx", sheet="表", row=5, column="I"))
    made, plain = make_progress(*values), Progress(**dict(zip(_PROGRESS_FIELDS, values)))
    assert made == plain and made.source == plain.source
    assert [f.name for f in dataclasses.fields(Progress)] == list(_PROGRESS_FIELDS)
    with pytest.raises(TypeError):
        make_progress(*values[:-1])


def test_in_order_keeps_order_shares_the_work_and_raises() -> None:
    names: set[str] = set()

    def slow_square(n: int) -> int:
        names.add(threading.current_thread().name)
        time.sleep(0.002 * (n % 3))  # later items often finish first
        return n * n

    with returns_mod._in_order(slow_square, list(range(30))) as results:
        assert list(results) == [n * n for n in range(30)]
    assert names == {"govtasks-read-0", threading.current_thread().name}  # the consumer computes while it waits

    def fails_on_5(n: int) -> int:
        if n == 5:
            raise ValueError("boom")
        return n

    with pytest.raises(ValueError, match="boom"), returns_mod._in_order(fails_on_5, list(range(20))) as results:
        list(results)


def test_in_order_lets_ctrl_c_in_the_consumer_stop_at_once() -> None:
    """The consumer parses too while it waits: Ctrl-C there stops everything at once, rather
    than being kept like a file's error until its turn (the consumer would go on parsing)."""
    main = threading.current_thread()
    raised: list[int] = []

    def parse(n: int) -> int:
        if threading.current_thread() is main and n >= 1:
            raised.append(n)
            raise KeyboardInterrupt
        time.sleep(0.02)
        return n

    with pytest.raises(KeyboardInterrupt), returns_mod._in_order(parse, list(range(40))) as results:
        for _ in results:
            pass
    assert len(raised) == 1
    assert not [t for t in threading.enumerate() if t.name.startswith("govtasks-read")]


def test_in_order_stays_within_its_window_and_stops_with_the_consumer(monkeypatch) -> None:
    monkeypatch.setattr(returns_mod, "READ_AHEAD", 4)
    started: list[int] = []
    lead = []

    def record(n: int) -> int:
        started.append(n)
        return n

    consumed = 0
    with returns_mod._in_order(record, list(range(40))) as results:
        for n in results:
            time.sleep(0.001)  # a slow consumer: the workers must wait for it
            lead.append(max(started) - n)
            consumed += 1
    assert consumed == 40 and max(lead) < 4 + 1

    started.clear()
    with returns_mod._in_order(record, list(range(1000))) as results:
        assert [next(results) for _ in range(3)] == [0, 1, 2]
    # the consumer stopped early: the workers stop too, and are joined
    time.sleep(0.01)
    assert len(started) < 20
    assert not [t for t in threading.enumerate() if t.name.startswith("govtasks-read")]


def test_find_unit_is_the_longest_name_then_the_first() -> None:
    bd = gt.import_breakdown(EXAMPLE_001)
    ctx = Context(bd)

    def by_every_substring(text: str) -> str | None:  # the definition: longest (≥ 3 chars), then leftmost
        key = alias_key(text)
        for size in range(len(key), 2, -1):
            for start in range(len(key) - size + 1):
                unit = ctx._units.get(key[start:start + size])
                if unit is not None:
                    return unit
        return None

    texts = ["市发改委", "2024Q2_市发展和改革委员会_进展情况表", "市经信局市发改委", "发改委", "市发", "",
             "芜湖市2024年二季度重点工作", "报送：市数据资源局（盖章）", "市住建局（市人民城建办）"]
    texts += [a + b for a in ("市科技局", "科技局", "局") for b in ("市商务局", "商务", "")]
    rng = random.Random(7)  # and pieces of real unit names run together, as file names do
    names = sorted(ctx._units)
    for _ in range(300):
        pieces = [rng.choice(names) for _ in range(rng.randint(1, 4))]
        texts.append("_".join(p[rng.randint(0, 2):] if rng.random() < 0.3 else p for p in pieces))
    for text in texts:
        assert ctx.find_unit(text) == by_every_substring(text), text
    assert ctx.find_unit("2024Q2_市发展和改革委员会_进展情况表") == "市发改委"


def test_xls_formula_places_match_the_xlsx_they_were_saved_from(tmp_path: Path, libreoffice) -> None:
    import openpyxl

    from govtasks.io.workbook import convert_with_libreoffice
    from govtasks.io.xls import xls_formula_cells

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展情况表"
    ws["B2"], ws["C2"], ws["D5"] = 3, "=B2*2", '="文字"&B2'
    wb.create_sheet("第二页")["A1"] = "=SUM(1,2)"
    wb["第二页"]["A2"] = "plain text"
    wb.save(tmp_path / "f.xlsx")
    xls = convert_with_libreoffice([tmp_path / "f.xlsx"], tmp_path / "out", fmt="xls")[tmp_path / "f.xlsx"]
    assert xls is not None
    data = xls.read_bytes()
    assert xls_formula_cells(data) == {"进展情况表": {(1, 2), (4, 3)}, "第二页": {(0, 0)}}
    sheets = {s.name: s for s in read_workbook(xls, details=True).sheets}
    assert sheets["进展情况表"].formulas == {(1, 2): "", (4, 3): ""} and sheets["进展情况表"].rows[4][3] == "文字3"
    for broken in (data[:700], data[:2000], b"\x00" * 600, (DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx").read_bytes()):
        assert xls_formula_cells(broken) == {}


def test_a_file_is_read_by_its_content_whatever_its_extension(tmp_path: Path, libreoffice) -> None:
    from govtasks.io.workbook import convert_with_libreoffice

    xlsx = DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx"
    xls = convert_with_libreoffice([xlsx], tmp_path / "lo", fmt="xls")[xlsx]
    assert xls is not None
    expected = [s.rows for s in read_workbook(xls).sheets]
    for name, source in (("real_xls.xlsx", xls), ("real_xlsx.xls", xlsx), ("no_extension", xls), ("wps.et", xlsx)):
        copy = tmp_path / name
        copy.write_bytes(source.read_bytes())
        rows = [s.rows for s in read_workbook(copy, sniff=True).sheets]
        assert rows == (expected if source == xls else [s.rows for s in read_workbook(xlsx).sheets]), name
    bd = gt.import_breakdown(tmp_path / "real_xls.xlsx")
    assert len(bd.tasks) == 220


def test_zip_details_taken_before_parsing_equal_the_details_pass(tmp_path: Path, libreoffice) -> None:
    """read_returns takes an .xlsx's saved time and formula cells from its zip before calamine
    parses it: the workbook is the one the details pass after the parse gives."""
    import openpyxl

    from govtasks.io.workbook import Parsed, finish_workbook, parse_sheets, zip_details

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进展"
    ws.append(["任务编号", "进展情况", "数量"])
    ws.append(["T001", "=A1&\"推进中\"", 3])
    ws.append(["T002", "已完成", "=SUM(C2:C2)"])
    hidden = wb.create_sheet("_meta")
    hidden.append(["单位", "=B9"])  # a hidden sheet's formulas are not wanted
    hidden.sheet_state = "hidden"
    wb.create_sheet("空白").append(["无公式"])
    wb.properties.modified = dt.datetime(2024, 7, 1, 9, 30)
    made = tmp_path / "公式.xlsx"
    wb.save(made)
    resaved = libreoffice(made, "xlsx", tmp_path / "lo")  # another writer's zip and XML
    for path in (made, resaved):
        found = zip_details(path)
        assert found is not None
        data, parsed = path.read_bytes(), parse_sheets(path, path.name)
        before = finish_workbook(Parsed(path, path.name, b"", parsed), details=found)
        after = finish_workbook(Parsed(path, path.name, data, parse_sheets(path, path.name)), details=True)
        assert before == after, path
        assert set(before.formulas("进展")) == {(1, 1), (2, 2)} and not before.formulas("_meta")
        assert before.saved is not None
    assert zip_details(Path(DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx")) is not None
    ods = libreoffice(made, "ods", tmp_path / "ods")
    (tmp_path / "not-a-zip.xlsx").write_bytes(b"\xd0\xcf\x11\xe0 an .xls named .xlsx")
    assert zip_details(ods) is None and zip_details(tmp_path / "not-a-zip.xlsx") is None

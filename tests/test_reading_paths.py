"""Reading workbooks: cell text, the threaded parse of returns, the unit search by name heads,
formula cells and saved times, files read by their content.

Where a step has a faster form than its definition (the parse in threads, the unit search),
the test checks it against the plain computation, on real workbooks and awkward inputs.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import returns_helpers as rh
from conftest import DATA, EXAMPLE_001

import govtasks as gt
from govtasks.breakdown.units import alias_key
from govtasks.io.workbook import cell_text, read_workbook
from govtasks.returns import read as returns_mod
from govtasks.returns.match import Context


def test_cell_text_of_each_kind_of_value() -> None:
    values = ["文本", "a\r\nb\rc", 3.0, 2.5, True, False, None, "", dt.date(2024, 6, 30), dt.datetime(2024, 6, 30, 9, 5), 7]
    assert [cell_text(v) for v in values] == ["文本", "a\nb\nc", "3", "2.5", "是", "否", "", "", "2024-06-30",
                                               "2024-06-30T09:05:00", "7"]


def test_real_workbooks_read_the_same_as_cell_by_cell() -> None:
    import python_calamine as pc

    for path in sorted(DATA.glob("*.xlsx")):
        wb = pc.CalamineWorkbook.from_path(str(path))
        plain = {name: [[cell_text(v) for v in row] for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
                 for name in wb.sheet_names}
        wb.close()
        assert {s.name: s.rows for s in read_workbook(path).sheets} == plain, path.name


def test_returns_parsed_in_threads_come_back_in_order_and_equal(tmp_path: Path, monkeypatch) -> None:
    bd = gt.import_breakdown(EXAMPLE_001)
    forms = gt.write_forms(bd, tmp_path / "forms", period="2024Q2")[:12]
    returned = tmp_path / "returns"
    returned.mkdir()
    for form in forms:
        unit = rh.form_meta(form)["单位"]
        rh.fill_form(form, {t.id: {"progress": f"{unit}{t.id}进展"} for t in bd.for_unit(unit)}, out=returned / form.name)
    (returned / "说明.txt").write_text("不是报表", encoding="utf-8")
    monkeypatch.setattr(returns_mod, "BATCH", 5)  # batches that end mid-folder
    threaded = gt.read_returns(returned, bd, period="2024Q2")
    monkeypatch.setattr(returns_mod, "PARSE_THREADS", 1)
    monkeypatch.setattr(returns_mod, "BATCH", 1)
    plain = gt.read_returns(returned, bd, period="2024Q2")
    assert threaded.entries == plain.entries and threaded.files == plain.files
    assert [i.message for i in threaded.issues] == [i.message for i in plain.issues]
    assert len({e.unit for e in threaded.entries}) == 12 and threaded.not_forms == ("说明.txt",)


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

    from govtasks.io.libreoffice import convert_with_libreoffice
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
    from govtasks.io.libreoffice import convert_with_libreoffice

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


def test_formula_cells_and_saved_time_of_xlsx_and_its_libreoffice_resave(tmp_path: Path, libreoffice) -> None:
    import openpyxl

    from govtasks.io.details import read_details

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
    made = tmp_path / "公式.xlsx"
    wb.save(made)
    resaved = libreoffice(made, "xlsx", tmp_path / "lo")  # another writer's zip and XML
    for path in (made, resaved):
        book = read_workbook(path, details=True)
        assert book.formulas("进展") == {(1, 1): 'A1&"推进中"', (2, 2): "SUM(C2:C2)"}, path
        assert not book.formulas("_meta") and not book.formulas("空白")
        assert book.saved is not None
    ods = libreoffice(made, "ods", tmp_path / "ods")
    assert set(read_workbook(ods, details=True).formulas("进展")) == {(1, 1), (2, 2)}
    assert read_details(b"\xd0\xcf\x11\xe0 an .xls named .xlsx").formulas == {}
    assert read_details(b"PK\x03\x04 damaged").saved is None

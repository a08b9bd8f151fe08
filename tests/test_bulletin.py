"""The bundled 弋江 2023 Q2 example end to end: its real texts → statuses and lights → 统计, stats_frame, the 通报.

Every unit of the published table (seed 004) returns its form with the published 进展情况
texts of the tasks it leads (read here from the bundled workbook with openpyxl), without a
完成状态 — as the published table has none. 区财政局 sends nothing; 区发改委 and 区教育局 send
after the due date. The expected statuses below were read from the published texts by hand:

* 45 “…已完成水稻育种创新项目建设并通过市级验收,进一步提升了育种创新能力。” and
  63 “仓津A地块和仓津C地块规划支路建设已完成。”: 已完成 (the last sentence says so, nothing goes on);
* 66 “…两个项目暂停施工。”: 滞后 (暂停);
* 37 “…其中亿元以上项目40个(序时进度33.3%)…”: 33.3 % against 序时进度 50 % at mid-year, 16.7
  points behind: 黄;
* 39, 40, 124, 125 (led by 区财政局 alone): 未报送; 117 (区审计局 and 区财政局) is 区审计局's;
* every other task: 序时推进 绿 (the texts report work under way).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import returns_helpers as rh
from conftest import EXAMPLE_004, REPO

import govtasks as gt
from govtasks.errors import TemplateError

MISSING_UNIT = "区财政局"
LATE = {"区发改委": dt.datetime(2023, 7, 8, 16), "区教育局": dt.datetime(2023, 7, 6, 9)}
SENTENCE = "全区126项重点工作中，已完成2项、序时推进119项、滞后1项、未启动0项、未报送4项。"
NOT_PLAIN = {"37": ("序时推进", "黄"), "45": ("已完成", "绿"), "63": ("已完成", "绿"), "66": ("滞后", "黄"),
             "39": ("未报送", ""), "40": ("未报送", ""), "124": ("未报送", ""), "125": ("未报送", "")}
TEMPLATE_FONTS = {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "Times New Roman"}


def published_texts() -> dict[str, str]:
    """序号 → 进展情况 of the published table, read with openpyxl (not govtasks)."""
    ws = openpyxl.load_workbook(EXAMPLE_004).worksheets[0]
    header = next(r for r in ws.iter_rows(max_row=10, values_only=True) if "进展情况" in r)
    col = header.index("进展情况")
    return {str(r[0]).strip(): r[col] for r in ws.iter_rows(values_only=True)
            if r[0] is not None and str(r[0]).strip().isdigit()}


@pytest.fixture(scope="module")
def yijiang(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("yijiang")
    bd = gt.import_breakdown(EXAMPLE_004)
    texts = published_texts()
    inbox = tmp / "returns"
    inbox.mkdir()
    for i, unit in enumerate(bd.units):
        if unit == MISSING_UNIT:
            continue
        answers = {t.id: {"progress": texts[t.number]} for t in bd.for_unit(unit) if unit in t.lead}
        path = rh.contract_form(inbox / f"{i:02d}.xlsx", bd, unit, "2023Q2", answers=answers)
        rh.set_saved(path, LATE.get(unit, dt.datetime(2023, 7, 3, 10)))
    rets = gt.read_returns(inbox, bd, period="2023Q2", due="2023-07-05")
    report = gt.merge(bd, rets)
    xlsx = gt.write_report(report, tmp / "汇总表.xlsx", with_status=True)
    docx = gt.write_bulletin(report, tmp / "通报.docx", date=dt.date(2023, 7, 10))
    return {"bd": bd, "returns": rets, "report": report, "xlsx": xlsx, "docx": docx, "tmp": tmp}


def by_number(report: gt.Report) -> dict[str, gt.TaskStatus]:
    numbers = {r.task_id: r.number for r in report.tasks}
    return {numbers[s.task_id]: s for s in report.assessment.tasks}


def test_statuses_from_the_real_texts_each_with_its_reason(yijiang: dict) -> None:
    found = by_number(yijiang["report"])
    assert len(found) == 126
    assert {n: (s.status, s.light) for n, s in found.items() if (s.status, s.light) != ("序时推进", "绿")} == NOT_PLAIN
    assert found["45"].reason == "未填完成状态，进展情况写有“已完成”，按“已完成”计"
    assert found["66"].reason == "未填完成状态，进展情况写有“暂停”，按“滞后”计"
    assert found["37"].reason == "自报完成33.3%，序时进度50%，落后16.7个百分点（10个及以上）"
    assert found["39"].reason == "牵头单位【区财政局】未报送"
    assert found["1"].reason == "未填完成状态，进展情况未写完成或滞后，按“序时推进”计"
    assert (found["117"].status, found["117"].light) == ("序时推进", "绿")
    assert found["117"].reason.endswith("；【区财政局】未报送") and found["117"].reason.startswith("【区审计局】")
    assert all(s.reason for s in found.values())
    # no 完成时限 in the published table: each task is due at the end of 2023 (rule 无时限按年底)
    assert {s.due for s in found.values()} == {dt.date(2023, 12, 31)}
    assert {s.expected for s in found.values()} == {0.5}


def test_the_same_texts_at_the_year_end_are_red_past_the_deadline(yijiang: dict) -> None:
    q4 = gt.merge(yijiang["bd"], dataclasses.replace(yijiang["returns"], period="2023Q4"))
    found = by_number(q4)
    assert (found["1"].light, found["1"].reason) == (
        "红", "完成时限年底（2023年12月31日）已过，仍未完成（未填完成状态，进展情况未写完成或滞后，按“序时推进”计）")
    assert (found["45"].light, found["63"].light) == ("绿", "绿")  # done: no deadline can make it red
    assert found["37"].light == "红" and "序时进度100%" in found["37"].reason


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_counts_are_equal_in_the_bulletin_the_stats_sheet_and_the_frame(yijiang: dict) -> None:
    frame = yijiang["report"].stats_frame()
    total = frame[frame["类别"] == "合计"].iloc[0]
    expected = {"任务数": 126, "已完成": 2, "序时推进": 119, "滞后": 1, "未启动": 0, "未报送": 4, "绿灯": 120, "黄灯": 2,
                "红灯": 0}
    assert {k: int(total[k]) for k in expected} == expected
    sections = frame[frame["类别"] == "一级标题"]
    assert [tuple(int(r[k]) for k in ("任务数", "已完成", "序时推进", "滞后", "未报送", "黄灯")) for _, r in sections.iterrows()] \
        == [(57, 1, 54, 0, 2, 1), (29, 1, 27, 1, 0, 1), (28, 0, 28, 0, 0, 0), (12, 0, 10, 0, 2, 0)]
    finance = frame[frame["名称"] == MISSING_UNIT].iloc[0]
    assert (int(finance["任务数"]), int(finance["未报送"]), finance["报送情况"]) == (5, 5, "未报送")
    assert frame[frame["名称"] == "区发改委"].iloc[0]["是否按时"] == "逾期"
    ws = openpyxl.load_workbook(yijiang["xlsx"])["统计"]
    header = [c.value for c in ws[3]]
    sheet_total = dict(zip(header, [c.value for c in ws[4]]))
    assert {k: sheet_total[k] for k in expected} == expected
    assert len(ws._charts) == 2
    text = _docx_text(yijiang["docx"])
    assert SENTENCE in text and "亮绿灯120项、黄灯2项、红灯0项。" in text
    assert "(二)以更高标准美化城市环境面貌：共29项，其中已完成1项、序时推进27项、滞后1项、未启动0项、未报送0项。" in text
    assert "逾期报送的单位（2个）：" in text and "未报送的单位（1个）：区财政局。" in text
    assert re.search(r"2\.第66项：启动漳河路、中山南路等道路环境提升（牵头单位：规划建设部）。未填完成状态，进展情况写有“暂停”", text)


def test_late_and_missing_units(yijiang: dict) -> None:
    from govtasks.report.stats import compute_stats

    t = compute_stats(yijiang["report"]).timeliness
    assert set(t.late) == set(LATE) and t.missing == (MISSING_UNIT,)
    assert (t.units - t.returned, t.units - t.on_time) == (1, 3)


def test_the_bulletin_opens_in_libreoffice_and_its_pdf_has_the_sentence(yijiang: dict, libreoffice) -> None:
    from govtasks.report.bulletin import write_pdfs

    pdfs = write_pdfs([yijiang["docx"], yijiang["xlsx"]])  # the report and the 通报, one soffice call
    assert [p.suffix for p in pdfs] == [".pdf", ".pdf"] and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    text = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert SENTENCE in re.sub(r"\s+", "", text)
    info = subprocess.run(["pdfinfo", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    fonts = subprocess.run(["pdffonts", str(pdfs[0])], capture_output=True, text=True, check=True).stdout
    # every glyph in a CJK face (no boxes): 仿宋/小标宋/楷体 in the serif face, 黑体 in the sans (write_pdfs's table)
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts


def _fonts(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()
    return {name for tag in re.findall(r"<w:rFonts [^>]*>", xml)
            for name in re.findall(r'w:(?:eastAsia|ascii|hAnsi)="([^"]+)"', tag)}


def test_the_fonts_named_in_the_docx_are_the_templates(yijiang: dict) -> None:
    assert _fonts(REPO / "templates" / "bulletin.docx") == TEMPLATE_FONTS
    assert _fonts(yijiang["docx"]) == TEMPLATE_FONTS
    with zipfile.ZipFile(yijiang["docx"]) as z:
        table = z.read("word/fontTable.xml").decode()
        document = z.read("word/document.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>' in table
    assert 'w:linePitch="579"' in document and 'w:w="11906" w:h="16838"' in document  # 22 lines; A4


def _template(path: Path, text: str) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    doc.save(str(path))
    return path


def test_a_custom_template_with_an_unknown_placeholder_fails_naming_it(yijiang: dict, tmp_path: Path) -> None:
    report = yijiang["report"]
    bad = _template(tmp_path / "我的通报.docx", "{{ summary }}{{ leader_name }}")
    with pytest.raises(TemplateError, match="我的通报.docx: 通报模板中的占位符“leader_name”不存在"):
        gt.write_bulletin(report, tmp_path / "out.docx", template=bad)
    attr = _template(tmp_path / "属性.docx", "{{ total.tasks }}项，{{ total.foo }}")
    with pytest.raises(TemplateError, match="占位符“foo”不存在"):
        gt.write_bulletin(report, tmp_path / "out.docx", template=attr)
    assert not (tmp_path / "out.docx").exists()
    good = _template(tmp_path / "简.docx", "{{ summary }}（{{ office }}）")
    out = gt.write_bulletin(report, tmp_path / "简报.docx", template=good, office="弋江区政府督查室")
    assert _docx_text(out).strip() == f"{SENTENCE}（弋江区政府督查室）"


def test_cli_bulletin(yijiang: dict, tmp_path: Path, capsys) -> None:
    from govtasks.cli import main

    std = gt.write_breakdown(yijiang["bd"], tmp_path / "std.xlsx")
    out = tmp_path / "通报.docx"
    code = main(["bulletin", str(std), str(yijiang["tmp"] / "returns"), "--period", "2023Q2", "--due", "2023-07-05",
                 "-o", str(out), "--report", str(tmp_path / "汇总.xlsx"), "--date", "2023-07-10",
                 "--office", "弋江区人民政府督查室"])
    printed = capsys.readouterr().out
    assert code == 1  # 区财政局 leads tasks and sent nothing: an error in the data, the outputs still written
    assert SENTENCE in printed and out.exists() and (tmp_path / "汇总.xlsx").exists()
    text = _docx_text(out)
    assert "关于2023年第二季度全区重点工作推进情况的通报" in text and "2023年7月10日" in text


def test_the_committed_template_is_what_its_script_builds(tmp_path: Path) -> None:
    from conftest import rebuild_module

    built = rebuild_module("bulletin_template").build(tmp_path / "bulletin.docx")
    parts = ("word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/settings.xml", "word/footer1.xml")
    with zipfile.ZipFile(built) as new, zipfile.ZipFile(REPO / "templates" / "bulletin.docx") as old:
        names = set(old.namelist())
        for part in parts:
            assert part in names and new.read(part) == old.read(part), part


def test_cli_pdf_writes_the_report_and_the_bulletin_as_pdf(yijiang: dict, tmp_path: Path, libreoffice, capsys) -> None:
    from govtasks.cli import main

    std = gt.write_breakdown(yijiang["bd"], tmp_path / "std.xlsx")
    out = tmp_path / "通报.docx"
    main(["bulletin", str(std), str(yijiang["tmp"] / "returns"), "--period", "2023Q2", "-o", str(out),
          "--report", str(tmp_path / "汇总.xlsx"), "--pdf"])
    printed = capsys.readouterr().out
    for pdf in (tmp_path / "通报.pdf", tmp_path / "汇总.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF") and f"已写入 {pdf}" in printed

"""Web pages and Word files read into the same grids as workbooks (importers/html.py, docx.py).

The rebuilt published pages (examples/rebuild/published.py) must import to
exactly the tasks of the rebuilt workbooks.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import govtasks
from govtasks.breakdown.docx import import_docx, read_docx
from govtasks.breakdown.html import import_html, read_html
from govtasks.errors import LayoutError, UnsupportedFileError, WorkbookError
from govtasks.model import Breakdown

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "sources"
DATA = REPO / "examples" / "data"
sys.path.insert(0, str(REPO / "examples" / "rebuild"))

import published  # noqa: E402

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("published")
    return {"html": published.build_html(SEEDS, out), "docx": published.build_docx(SEEDS, out)}


def _issues(bd: Breakdown) -> list[tuple[str, str]]:
    return [(i.code, i.message) for i in bd.issues]


# -- the rebuilt seeds ---------------------------------------------------------------------

def test_seed001_html_gives_the_xlsx_tasks(built: dict[str, Path]) -> None:
    expected = govtasks.import_breakdown(DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx")
    bd = import_html(built["html"])
    assert len(bd.tasks) == 220
    assert bd.tasks == expected.tasks
    assert (bd.title, bd.year) == (expected.title, expected.year) == ("2024年度市政府重点工作任务分解", 2024)
    assert _issues(bd) == _issues(expected)
    assert str(bd.tasks[0].source) == "芜湖市2024年度市政府重点工作任务分解.html!表1!B3"


def test_seed000_docx_gives_the_xlsx_tasks(built: dict[str, Path]) -> None:
    expected = govtasks.import_breakdown(DATA / "繁昌区2023年区政府重点工作任务.xlsx")
    bd = import_docx(built["docx"])
    assert len(bd.tasks) == 138
    assert bd.tasks == expected.tasks
    assert (bd.title, bd.year) == (expected.title, expected.year) == ("2023年区政府重点工作任务", 2023)
    assert _issues(bd) == _issues(expected)


def test_seed001_page_structure(built: dict[str, Path]) -> None:
    sheets, text = read_html(built["html"].read_bytes(), built["html"].name)
    assert [s.name for s in sheets] == ["表1"]
    table = sheets[0]
    assert table.rows[0] == ["序号", "目标与任务", "牵头责任单位", "责任单位"]
    assert table.rows[1] == ["一、主要预期目标", "", "", ""] and (1, 0, 1, 3) in table.merges
    assert table.rows[2] == ["1", "地区生产总值增长7.5%左右。", "市发改委", "各县市区政府、\n开发区管委会"]
    topic = next(r for r, row in enumerate(table.rows) if row[1] == "加快建设区域消费中心。")
    assert table.rows[topic] == ["1", "加快建设区域消费中心。", "", ""]  # not merged in the source
    assert not any(m[0] == topic for m in table.merges)
    lines = text.split("\n")
    assert lines[0] == "芜湖市人民政府关于分解下达2024年度重点工作任务的通知"
    assert "2024年4月6日" in lines and "首页 > 政务公开 > 政府文件" not in text and "doZoom" not in text


def test_seed000_docx_structure(built: dict[str, Path]) -> None:
    sheets, paragraphs = read_docx(built["docx"].read_bytes(), built["docx"].name)
    table = sheets[0]
    assert table.rows[0][:4] == ["序号", "重点工作", "", "具体任务分解"]
    assert table.rows[1][:4] == ["", "工作", "内容", "主要任务"]
    assert {(0, 0, 1, 0), (0, 1, 0, 2), (0, 9, 1, 9)} <= set(table.merges)
    assert (2, 1, 5, 1) in table.merges  # 一、 over rows 1-4, restarted at row 5 as in the .xlsx
    assert table.rows[3][8] == "王爱民" and table.rows[20][8] == "\n王爱民"  # tasks 2 and 19
    assert paragraphs[0] == "繁昌区人民政府关于印发2023年区政府重点工作任务的通知"
    assert paragraphs[-5:] == ["", "附件", "2023年区政府重点工作任务", "(合计7个方面,共8项指标、138项重点工作)", ""]
    assert "2023年3月31日" in paragraphs  # section break before 附件, Word's paragraph after the table


def test_rebuild_is_reproducible_and_current(tmp_path: Path) -> None:
    first = published.build(SEEDS, tmp_path / "a")
    second = published.build(SEEDS, tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
        assert (DATA / a.name).read_bytes() == a.read_bytes(), f"examples/data/{a.name} is stale"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_docx(built: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(built["docx"])],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (built["docx"].stem + ".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


# -- HTML on tiny inputs ----------------------------------------------------------------

def test_html_rowspan_colspan() -> None:
    page = b"""<table><tr><th rowspan="2">A</th><th colspan="2">B</th></tr>
    <tr><td>b1</td><td>b2</td></tr>
    <tr><td>1<td rowspan=2>x<br>y<td>z
    <tr><td>2</td><td>w</td></tr></table>"""
    (sheet,), _ = read_html(page, "t.html")
    assert sheet.rows == [["A", "B", ""], ["", "b1", "b2"], ["1", "x\ny", "z"], ["2", "", "w"]]
    assert sheet.merges == [(0, 0, 1, 0), (0, 1, 0, 2), (2, 1, 3, 1)]


def test_html_cell_text_and_page_text() -> None:
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
    <title>站点</title><style>p{color:red}</style><script>var s = "<td>x</td>";</script></head>
    <body><nav>首页 | 导航</nav><div style="display:none">隐藏</div>
    <h1>通知&amp;公告</h1><p>第一段&nbsp;&nbsp;正文
       续行</p>
    <table><tr><td><p>市发改委</p><p>&nbsp;</p><p>市财政局</p></td><td>&nbsp;</td>
    <td><table><tr><td>内1</td><td>内2</td></tr><tr><td>内3</td></tr></table></td></tr></table>
    </body></html>""".encode("gb18030")
    (outer, inner), text = read_html(page, "t.html")
    assert outer.rows == [["市发改委\n\n市财政局", "", "内1 内2\n内3"]]
    assert inner.rows == [["内1", "内2"], ["内3", ""]] and inner.name == "表2"
    assert text.split("\n") == ["通知&公告", "第一段 正文 续行", "市发改委", "市财政局", "内1", "内2", "内3"]


def test_html_without_task_table_uses_text_importer(tmp_path: Path) -> None:
    path = tmp_path / "通知.htm"
    path.write_text("<p>一、总体目标</p><p>1.推进工作。(主办单位:区发改委)</p>"
                    "<table><tr><td>联系人</td><td>张三</td></tr></table>", encoding="utf-8")
    calls: list[tuple[str, str]] = []

    def text_importer(text: str, file: str) -> Breakdown:
        calls.append((text, file))
        return Breakdown(title="文本")

    assert import_html(path, text_importer=text_importer).title == "文本"
    assert calls == [("一、总体目标\n1.推进工作。(主办单位:区发改委)\n联系人\n张三", "通知.htm")]
    with pytest.raises(LayoutError, match=r"^通知\.htm: 网页中没有任务表格，也没有可识别的任务文本$"):
        import_html(path)


def test_html_title_above_table_gives_title_and_year(tmp_path: Path) -> None:
    path = tmp_path / "附件.html"
    path.write_text("<p>附件</p><p><b>2025年重点工作任务分解</b></p><p>（共1项）</p><table>"
                    "<tr><th>序号</th><th>工作任务</th><th>完成时限</th><th>牵头单位</th></tr>"
                    "<tr><td>1</td><td>推进工作。</td><td>6月底前</td><td>区发改委</td></tr>"
                    "<tr><td rowspan=0>备注</td></tr></table>", encoding="utf-8")
    bd = import_html(path)
    assert (bd.title, bd.year) == ("2025年重点工作任务分解", 2025)
    assert [(t.number, t.lead, str(t.deadline.due)) for t in bd.tasks] == [("1", ("区发改委",), "2025-06-30")]


def test_html_read_errors(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match=r"^无此页\.html: 文件不存在"):
        import_html(tmp_path / "无此页.html")
    fake = tmp_path / "表格.html"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    with pytest.raises(WorkbookError, match=r"^表格\.html: 不是网页文件"):
        import_html(fake)


# -- Word on tiny inputs -----------------------------------------------------------------

def _docx_bytes(body: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{body}</w:body></w:document>")
    return buf.getvalue()


def _tc(text: str, props: str = "") -> str:
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" if t else "<w:p/>" for t in text.split("|"))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def test_docx_gridspan_vmerge() -> None:
    span, restart, cont = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    body = ("<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:tbl>"
            f"<w:tr>{_tc('A', restart)}{_tc('B', span)}</w:tr>"
            f"<w:tr>{_tc('', cont)}{_tc('b1')}{_tc('b2|第二段')}</w:tr>"
            f"<w:tr>{_tc('1')}{_tc('x', span + restart)}</w:tr>"
            f"<w:tr>{_tc('2')}{_tc('', span + cont)}</w:tr>"
            "</w:tbl><w:p><w:r><w:t>表后</w:t></w:r></w:p>")
    (sheet,), paragraphs = read_docx(_docx_bytes(body), "t.docx")
    assert sheet.rows == [["A", "B", ""], ["", "b1", "b2\n第二段"], ["1", "x", ""], ["2", "", ""]]
    assert sorted(sheet.merges) == [(0, 0, 1, 0), (0, 1, 0, 2), (2, 1, 3, 2)]
    assert paragraphs == ["标题", "表后"]


def test_docx_writer_round_trip(tmp_path: Path) -> None:
    table = published.DocTable([["序号", "重点工作", "", "备注"], ["", "工作", "内容", ""], ["1", "一、", "1.内容", "\n注"]],
                               [(0, 0, 1, 0), (0, 1, 0, 2), (0, 3, 1, 3)], header_rows=2)
    path = published.write_docx(tmp_path / "t.docx", ["正文", ("title", "标题")], [table])
    sheets, paragraphs = read_docx(path.read_bytes(), path.name)
    assert sheets[0].rows == table.rows and sorted(sheets[0].merges) == sorted(table.merges)
    assert paragraphs == ["正文", "标题", ""]  # Word's paragraph after a table


def _fields(bd: Breakdown) -> list[tuple[object, ...]]:
    return [(t.number, t.path, t.text, t.lead, t.coop, t.deadline.text) for t in bd.tasks]


def test_an_old_word_file_and_a_wps_spreadsheet_are_read_through_libreoffice(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # .doc (what many government sites attach) and .et (WPS 表格): converted by LibreOffice, then read
    # as the .docx / .xlsx would be, every message naming the file as the clerk gave it.
    doc = libreoffice(DATA / "繁昌区2023年区政府重点工作任务.docx", "doc", tmp_path / "doc")
    bd = govtasks.import_breakdown(doc)
    assert len(bd.tasks) == 138
    assert _fields(bd) == _fields(govtasks.import_breakdown(DATA / "繁昌区2023年区政府重点工作任务.docx"))
    assert (bd.issues[0].code, bd.issues[0].message) == ("converted", "这是旧版 Word 文件：已用 LibreOffice 转换为 .docx 后读取")
    assert str(bd.tasks[0].source).startswith("繁昌区2023年区政府重点工作任务.doc!")
    xls = libreoffice(DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx", "xls", tmp_path / "et")
    et = xls.rename(xls.with_suffix(".et"))
    bd = govtasks.import_breakdown(et)
    assert len(bd.tasks) == 220
    assert _fields(bd) == _fields(govtasks.import_breakdown(DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx"))
    assert str(bd.tasks[0].source) == "芜湖市2024年度市政府重点工作任务分解.et!任务分解!B4"


def test_an_old_word_file_without_libreoffice_gets_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    doc = tmp_path / "附件1.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(UnsupportedFileError) as err:
        govtasks.import_breakdown(doc)
    assert str(err.value) == "附件1.doc: 这是旧版 Word 文件（.doc），需要安装 LibreOffice 才能读取；或在 Word/WPS 中另存为 .docx 后再导入"


def test_a_pdf_table_printed_from_excel_gives_the_workbook_s_tasks(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 芜湖's 220 tasks printed by LibreOffice onto 24 pages, the header repeated on each, long task
    # texts wrapped inside their cells, and "国家金融监管总局芜湖分局" filling its cell's width just
    # above the next unit's line.
    pdf = libreoffice(DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx", "pdf", tmp_path / "pdf")
    bd = govtasks.import_breakdown(pdf)
    assert len(bd.tasks) == 220 and bd.layout == "table"
    xlsx = govtasks.import_breakdown(DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx")
    assert _fields(bd) == _fields(xlsx)
    task = next(t for t in bd.tasks if t.number == "15")
    assert (task.text, task.lead) == ("新增小微企业首贷户2500家以上。", ("市地方金融局", "国家金融监管总局芜湖分局", "市市场监管局"))
    wrapped = next(t for t in bd.tasks if t.text.startswith("全面优化整合政策体系"))
    assert wrapped.text == "全面优化整合政策体系，统筹好规划、财政、产业、科技、金融等政策工具，放大组合效应。"
    # a centred cell whose long name LibreOffice broke between words: "国家金融监管" / "总局芜湖分局"
    centred = next(t for t in bd.tasks if t.number == "14")
    assert centred.coop == ("人行芜湖分行", "国家金融监管总局芜湖分局", "各县市区政府", "开发区管委会")
    assert (bd.title, bd.year) == ("2024年度市政府重点工作任务分解", 2024)
    assert not [i for i in bd.issues if i.code == "outside-table"]


def test_a_pdf_whose_merged_cells_a_page_break_cut(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 弋江's report (seed 004) printed by LibreOffice: where a merged 牵头责任单位 cell runs over a
    # page break, its name is printed outside the table's borders. Every task is found, and the
    # words outside the table are reported, not dropped.
    pdf = libreoffice(DATA / "弋江区2023年二季度重点工作进展和完成情况.xlsx", "pdf", tmp_path / "pdf")
    bd = govtasks.import_breakdown(pdf)
    assert len(bd.tasks) == 126
    (outside,) = [i for i in bd.issues if i.code == "outside-table"]
    assert "“区经信局”" in outside.message and outside.message.startswith("PDF 中表格之后有")
    assert re.search(r"行文字（第 \d+(、\d+)* 页）不在表格框线内", outside.message)  # the pages to look at


def test_a_pdf_notice_printed_from_word_gives_the_notice_s_tasks(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 广丰's notice (seed 003) printed onto 21 pages: every paragraph wrapped into lines of the page's
    # width, the annotations broken across lines ("…科技" / "局、各乡镇(街道))").
    pdf = libreoffice(DATA / "广丰区2021年区政府工作报告重点工作责任分工.docx", "pdf", tmp_path / "pdf")
    bd = govtasks.import_breakdown(pdf)
    assert len(bd.tasks) == 101 and bd.layout == "text"
    assert _fields(bd) == _fields(govtasks.import_breakdown(DATA / "广丰区2021年区政府工作报告重点工作责任分工.docx"))
    task = bd.tasks[1]
    assert (task.number, task.path, task.lead, task.coop) == (
        "2", ("一、持之以恒主攻工业,不断做强发展支柱", "(一)持续壮大产业集群"), ("上饶高新区",),
        ("区工信局", "区商务局", "区科技局", "各乡镇（街道）"))


def test_a_pdf_with_an_open_password(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "加密.docx"
    shutil.copyfile(DATA / "广丰区2021年区政府工作报告重点工作责任分工.docx", src)
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"123"}}'
    pdf = libreoffice(src, f"pdf:writer_pdf_Export:{options}", tmp_path / "pdf")
    with pytest.raises(WorkbookError) as err:
        govtasks.import_breakdown(pdf)
    assert str(err.value) == "加密.pdf: PDF 文件设有密码，请取消密码后另存再试"


def test_a_scanned_pdf_and_a_file_that_is_no_pdf(tmp_path: Path) -> None:
    from PIL import Image  # pdfplumber's own dependency; it writes a page that is only an image, as a scanner does

    scan = tmp_path / "扫描件.pdf"
    Image.new("RGB", (595, 842), "white").save(scan)
    with pytest.raises(WorkbookError) as err:
        govtasks.import_breakdown(scan)
    assert str(err.value) == "扫描件.pdf: 这个 PDF 是扫描的图片，没有文字可读；请提供 Word/Excel 原件或文字版 PDF"
    fake = tmp_path / "附件.pdf"
    fake.write_bytes(b"<html><body>not a pdf</body></html>")
    with pytest.raises(WorkbookError) as err:
        govtasks.import_breakdown(fake)
    assert str(err.value) == "附件.pdf: 不是 PDF 文件，无法按 PDF 读取"


def test_docx_without_tables(tmp_path: Path) -> None:
    path = published.write_docx(tmp_path / "通知.docx", [("title", "关于印发重点工作的通知"), "1.推进工作。"])
    with pytest.raises(LayoutError, match=r"^通知\.docx: Word 文件中没有任务表格，也没有可识别的任务文本$"):
        import_docx(path)
    seen: list[str] = []
    import_docx(path, text_importer=lambda text, file: seen.append(text) or Breakdown())
    assert seen == ["关于印发重点工作的通知\n1.推进工作。"]


def test_corrupt_docx(tmp_path: Path, built: dict[str, Path]) -> None:
    path = tmp_path / "损坏.docx"
    path.write_bytes(built["docx"].read_bytes()[:3000])
    with pytest.raises(WorkbookError, match=r"^损坏\.docx: "):
        import_docx(path)


@pytest.mark.parametrize(("data", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Word 文件"),
    (b"plain text", "不是 Word 文件"),
])
def test_not_a_docx(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "附件.docx"
    path.write_bytes(data)
    with pytest.raises(WorkbookError, match=f"^附件\\.docx: .*{message}"):
        import_docx(path)


def test_xlsx_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "附件.docx"
    path.write_bytes((DATA / "繁昌区2023年区政府重点工作任务.xlsx").read_bytes())
    with pytest.raises(WorkbookError, match=r"^附件\.docx: 这是 Excel 工作簿"):
        import_docx(path)


def test_a_narrow_pdf_cell_of_unit_names_each_wrapped() -> None:
    # The lines a four-character-wide cell of h33 广州 2021's units prints as (LibreOffice, measured:
    # 12-point characters, widths in points): each name wraps, a whole name may fill a line, and the
    # line after a wrapped name's end starts the next name.
    from govtasks.breakdown.pdf import _cell_text, _Line

    widths = [("市政府办", 48.0), ("公厅", 24.0), ("市发展改", 48.0), ("革委", 24.0), ("市财政局", 48.0),
              ("市卫生健", 48.0), ("康委", 24.0), ("荔湾区", 36.0), ("黄埔区政", 48.0), ("府", 12.0)]
    lines = [_Line(text, 0.0, width, 12.0) for text, width in widths]
    assert _cell_text(lines, 50.0, 12.0) == "市政府办公厅\n市发展改革委\n市财政局\n市卫生健康委\n荔湾区\n黄埔区政府"

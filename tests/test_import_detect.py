"""import_breakdown / `govtasks import` pick the importer by file type and content; --layout overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE_000, EXAMPLE_001, SEEDS
from helpers import write_minimal_docx

import govtasks as gt
from govtasks import issues as codes
from govtasks.cli import main

TEXT_003 = DATA / "广丰区2021年区政府工作报告重点工作责任分工.txt"
DOCX_003 = DATA / "广丰区2021年区政府工作报告重点工作责任分工.docx"
HTML_001 = DATA / "芜湖市2024年度市政府重点工作任务分解.html"
DOCX_000 = DATA / "繁昌区2023年区政府重点工作任务.docx"
HTML_000 = DATA / "繁昌区2023年区政府重点工作任务.html"
PLAN_002 = SEEDS / "002_ce1cc4cd42ce1422.txt"


@pytest.mark.parametrize(("path", "layout", "tasks"), [
    (EXAMPLE_001, "table", 220), (HTML_001, "table", 220), (DOCX_000, "table", 138), (HTML_000, "table", 138),
    (TEXT_003, "text", 101), (DOCX_003, "text", 101), (DATA / "芜湖市2024年度市政府重点工作任务分解_标准.xlsx", "standard", 220),
], ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_detects_layout(path: Path, layout: str, tasks: int) -> None:
    bd = gt.import_breakdown(path)
    assert (bd.layout, len(bd.tasks)) == (layout, tasks)


def test_same_document_in_every_form_gives_the_same_tasks() -> None:
    assert gt.import_breakdown(HTML_001).tasks == gt.import_breakdown(EXAMPLE_001).tasks
    assert gt.import_breakdown(DOCX_000).tasks == gt.import_breakdown(EXAMPLE_000).tasks
    assert gt.import_breakdown(HTML_000).tasks == gt.import_breakdown(EXAMPLE_000).tasks
    from_text = gt.import_breakdown(TEXT_003)
    assert [(t.number, t.path, t.text, t.lead, t.coop) for t in gt.import_breakdown(DOCX_003).tasks] == \
        [(t.number, t.path, t.text, t.lead, t.coop) for t in from_text.tasks]


def test_layout_override() -> None:
    plan = gt.import_breakdown(PLAN_002, layout="plan")
    assert plan.layout == "plan" and plan.tasks and all(not t.units for t in plan.tasks)
    assert len(plan.issues.by_code(codes.NO_UNITS_YET)) == len(plan.tasks)
    with pytest.raises(gt.LayoutError, match="--layout plan"):
        gt.import_breakdown(PLAN_002)                       # not a notice: says what to do
    with pytest.raises(gt.LayoutError, match="表格"):
        gt.import_breakdown(TEXT_003, layout="table")
    with pytest.raises(gt.LayoutError, match=r"编号行 0 行，带单位标注的行 0 行.*--columns.*--layout plan"):
        gt.import_breakdown(DOCX_000, layout="text")        # its paragraphs are the notice, not tasks
    assert gt.import_breakdown(EXAMPLE_001, layout="table").layout == "table"


def test_cli_says_which_importer(tmp_path: Path, capsys) -> None:
    assert main(["import", str(TEXT_003), "-o", str(tmp_path / "t.xlsx")]) == 1   # task 95 has no units
    out = capsys.readouterr().out
    assert "广丰区2021年区政府工作报告重点工作责任分工.txt（按文本读取）：101 项任务" in out
    assert "[错误] 广丰区2021年区政府工作报告重点工作责任分工.txt!第" in out and "第 95 项任务没有牵头单位和责任单位" in out
    assert main(["import", str(PLAN_002), "--layout", "plan", "-o", str(tmp_path / "p.xlsx")]) == 0
    assert "（按工作计划（草稿）读取）" in capsys.readouterr().out
    assert gt.read_breakdown(tmp_path / "p.xlsx").tasks == gt.import_breakdown(PLAN_002, layout="plan").tasks


def _empty_txt(tmp: Path) -> Path:
    (tmp / "空.txt").write_bytes(b"")
    return tmp / "空.txt"


def _binary_txt(tmp: Path) -> Path:
    (tmp / "图片.txt").write_bytes(bytes(range(256)) * 8)
    return tmp / "图片.txt"


def _page_without_tasks(tmp: Path) -> Path:
    page = "<html><body><h1>区政府办公室</h1><p>今天天气很好。</p><table><tr><td>姓名</td><td>电话</td></tr></table></body></html>"
    (tmp / "新闻.html").write_text(page, encoding="utf-8")
    return tmp / "新闻.html"


def _docx_without_tasks(tmp: Path) -> Path:
    return write_minimal_docx(tmp / "通知.docx", "请各单位于6月25日前报送半年工作进展情况。")


@pytest.mark.parametrize(("make", "words"), [
    (_empty_txt, ["空.txt", "空"]), (_binary_txt, ["图片.txt", "不是文本文件"]),
    (_page_without_tasks, ["新闻.html", "任务"]), (_docx_without_tasks, ["通知.docx", "任务"]),
], ids=["empty", "binary", "page", "docx"])
def test_bad_documents_exit_2(make, words, tmp_path: Path, capsys) -> None:
    path = make(tmp_path)
    with pytest.raises(gt.GovtasksError):
        gt.import_breakdown(path)
    assert main(["import", str(path), "-o", str(tmp_path / "o.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("错误：")
    for word in words:
        assert word in err

"""A long answer typed into a form prints whole: the answer rows grow with what is typed (issue 12).

LibreOffice is the real second client: it types a 400-character answer into a govtasks form
(tests/tools/lo_type.py, through its UNO bridge), saves it, and prints it to PDF. A row with a
fixed height (``customHeight``) never grows, so the same form with that mark put back is the
control: its answer is cut off on paper.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import returns_helpers as rh
from conftest import EXAMPLE_001

import govtasks as gt

TOOL = Path(__file__).resolve().parent / "tools" / "lo_type.py"
SYSTEM_PYTHON = "/usr/bin/python3"
ANSWER = ("今年以来，市统计局围绕全市经济运行监测和统计改革重点任务，扎实开展各项工作。"
          + "上半年全市地区生产总值同比增长百分之五点八，规模以上工业增加值增长百分之九点一，社会消费品零售总额增长百分之六点三，"
          + "固定资产投资增长百分之四点二，主要指标总体保持平稳，部分指标增速高于全省平均水平。"
          + "一是强化统计监测，按月编制经济运行分析报告十二期，及时报送市委市政府参考；"
          + "二是推进统计执法检查，完成双随机抽查企业八十六家，发现并纠正统计违法行为十一起；"
          + "三是夯实基层基础，组织乡镇统计员业务培训四期，培训人员三百二十人次；"
          + "四是做好第五次全国经济普查准备工作，完成普查区划分和单位清查底册整理。"
          + "存在的问题主要是部分新入库企业统计基础薄弱，报表报送不够及时，个别乡镇统计人员变动频繁。"
          + "下一步将继续加强数据质量管理，开展统计造假专项治理，确保各项统计数据真实准确完整，"
          + "同时加快统计信息化建设，推动联网直报平台升级改造，按时完成全年各项统计调查任务。")


def _uno_available() -> bool:
    if not (shutil.which("soffice") and shutil.which("pdftotext") and Path(SYSTEM_PYTHON).exists()):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.fixture
def typist(tmp_path: Path):
    """type(form, sheet, cell, text) -> the form saved by LibreOffice after typing ``text`` into ``cell``."""
    if not _uno_available():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice with python3-uno and pdftotext are needed; .ci/system-deps installs them")
        pytest.skip("LibreOffice's python3-uno or pdftotext is not installed")

    def type_in(form: Path, sheet: str, cell: str, text: str) -> Path:
        text_file = tmp_path / "answer.txt"
        text_file.write_text(text, encoding="utf-8")
        out = tmp_path / f"typed_{form.name}"
        subprocess.run([SYSTEM_PYTHON, str(TOOL), str(form), sheet, cell, str(text_file), str(out),
                        str(tmp_path / "lo-uno-profile")], check=True, capture_output=True, timeout=240)
        return out

    return type_in


def _printed(path: Path, libreoffice, outdir: Path) -> str:
    pdf = libreoffice(path, "pdf", outdir)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s", "", text)


def _answer_cell(form: Path) -> tuple[str, str]:
    meta = rh.form_meta(form)
    ws = openpyxl.load_workbook(form)[meta["数据表"]]
    header = int(meta["表头行"])
    labels = {str(c.value).strip(): c.column for c in ws[header] if c.value}
    row = next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, labels["任务编号"]).value)  # the first task
    return meta["数据表"], f"{openpyxl.utils.get_column_letter(labels['进展情况'])}{row}"


def _fixed_heights(form: Path, out: Path) -> Path:
    """The same form with every row's height marked fixed, as XlsxWriter writes it by default."""
    with zipfile.ZipFile(form) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'(<row [^>]*ht="[^"]+")(?![^>]*customHeight)', rb'\1 customHeight="1"', data)
            z.writestr(info, data)
    return out


def test_a_400_character_answer_typed_into_a_form_prints_whole(tmp_path: Path, typist, libreoffice) -> None:
    assert len(ANSWER) >= 400
    bd = gt.import_breakdown(EXAMPLE_001)
    (form,) = gt.write_forms(bd, tmp_path / "forms", period="2024Q2", units=["市统计局"])
    sheet, cell = _answer_cell(form)
    typed = typist(form, sheet, cell, ANSWER)
    assert gt.read_returns(typed, bd, period="2024Q2").for_unit("市统计局")[0].progress == ANSWER
    assert re.sub(r"\s", "", ANSWER) in _printed(typed, libreoffice, tmp_path / "pdf")
    control = typist(_fixed_heights(form, tmp_path / "fixed.xlsx"), sheet, cell, ANSWER)
    assert re.sub(r"\s", "", ANSWER) not in _printed(control, libreoffice, tmp_path / "pdf-fixed")  # cut off

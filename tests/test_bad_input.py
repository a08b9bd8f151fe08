"""Bad input: a clear Chinese message naming the file (and sheet), exit code 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_004
from helpers import write_minimal_docx, write_xlsx

import govtasks as gt
from govtasks.cli import main


def _no_header(tmp: Path) -> Path:
    return write_xlsx(tmp / "通讯录.xlsx", {"名单": [["姓名", "电话"], ["张三", "123"]]})


def _empty_sheet(tmp: Path) -> Path:
    return write_xlsx(tmp / "空表.xlsx", {"Sheet1": []})


def _corrupt(tmp: Path) -> Path:
    good = EXAMPLE_004.read_bytes()
    path = tmp / "损坏.xlsx"
    path.write_bytes(good[: len(good) // 2])
    return path


def _password(tmp: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = write_xlsx(tmp / "plain.xlsx", {"S": [["序号", "任务内容", "牵头单位"], ["1", "甲", "区财政局"]]})
    path = tmp / "加密.xlsx"
    with plain.open("rb") as src, path.open("wb") as dst:
        OOXMLFile(src).encrypt("123456", dst)
    return path


def _docx_renamed(tmp: Path) -> Path:
    return write_minimal_docx(tmp / "通知.xlsx", "关于报送重点工作进展情况的通知")


CASES = [
    (_no_header, gt.LayoutError, ["通讯录.xlsx!名单", "表头"]),
    (_empty_sheet, gt.LayoutError, ["空表.xlsx!Sheet1", "空的"]),
    (_corrupt, gt.WorkbookError, ["损坏.xlsx", "损坏"]),
    (_password, gt.WorkbookError, ["加密.xlsx", "密码"]),
    (_docx_renamed, gt.WorkbookError, ["通知.xlsx", "Word"]),
]


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_library_raises_clear_error(make, error, words, tmp_path: Path) -> None:
    path = make(tmp_path)
    with pytest.raises(error) as info:
        gt.import_breakdown(path)
    assert isinstance(info.value, gt.GovtasksError)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize(("make", "error", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_cli_exit_2_without_traceback(make, error, words, tmp_path: Path, capsys) -> None:
    path = make(tmp_path)
    code = main(["import", str(path), "-o", str(tmp_path / "out.xlsx")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and err.startswith("错误：")
    for word in words:
        assert word in err
    assert not (tmp_path / "out.xlsx").exists()


def test_one_bad_file_does_not_stop_the_rest(tmp_path: Path) -> None:
    bad = _corrupt(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "govtasks", "import", str(bad), str(EXAMPLE_004), "-o", str(out)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "损坏.xlsx" in proc.stderr
    assert "已导入 弋江区2023年二季度重点工作进展和完成情况.xlsx（按表格读取）：126 项任务" in proc.stdout
    written = out / "弋江区2023年二季度重点工作进展和完成情况_标准.xlsx"
    assert len(gt.read_breakdown(written).tasks) == 126


def test_missing_file_and_unsupported_type(tmp_path: Path) -> None:
    with pytest.raises(gt.WorkbookError, match="不存在"):
        gt.import_breakdown(tmp_path / "没有.xlsx")
    (tmp_path / "x.pptx").write_bytes(b"PK")
    with pytest.raises(gt.UnsupportedFileError, match=r"^x\.pptx: 不支持的文件类型“\.pptx”"):
        gt.import_breakdown(tmp_path / "x.pptx")
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")  # the first line of a PDF, and nothing after it
    with pytest.raises(gt.WorkbookError) as err:
        gt.import_breakdown(tmp_path / "x.pdf")
    assert str(err.value) == "x.pdf: PDF 文件已损坏，无法读取（No /Root object! - Is this really a PDF?）"


def test_a_broken_wps_spreadsheet_is_a_clear_error(tmp_path: Path, libreoffice) -> None:  # type: ignore[no-untyped-def]
    # .et goes through LibreOffice (when installed); two bytes are no spreadsheet it can convert.
    (tmp_path / "x.et").write_bytes(b"PK")
    with pytest.raises(gt.WorkbookError) as err:
        gt.import_breakdown(tmp_path / "x.et")
    assert str(err.value) == "x.et: LibreOffice 无法转换该文件（可能已损坏或设有密码）；请在 Word/WPS 中打开后另存为 .xlsx 再导入"


def test_read_breakdown_refuses_non_standard_workbook() -> None:
    with pytest.raises(gt.LayoutError, match="govtasks import"):
        gt.read_breakdown(EXAMPLE_004)


def test_undecodable_csv_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "乱码.csv"
    path.write_bytes(b"\x81\x30\xff\xff,\xfe\n")               # neither UTF-8 nor GB18030
    with pytest.raises(gt.WorkbookError, match=r"^乱码\.csv: CSV 文件的编码无法识别"):
        gt.import_breakdown(path)

"""LibreOffice as a real second client: it opens our workbook, and its re-saves import identically."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import EXAMPLE_000, EXAMPLE_004

import govtasks as gt


def test_standard_workbook_converts_to_pdf(tmp_path: Path, libreoffice) -> None:
    std = gt.write_breakdown(gt.import_breakdown(EXAMPLE_004), tmp_path / "弋江区_标准.xlsx")
    pdf = libreoffice(std, "pdf", tmp_path / "pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) >= 2


def test_xls_and_ods_resaves_import_identically(tmp_path: Path, libreoffice) -> None:
    original = gt.import_breakdown(EXAMPLE_000)
    for fmt in ("xls", "ods"):
        resaved = libreoffice(EXAMPLE_000, fmt, tmp_path / fmt)
        bd = gt.import_breakdown(resaved)        # .ods merges come from our content.xml reader
        assert bd.tasks == original.tasks, fmt

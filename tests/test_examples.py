"""The examples cannot rot: the scripts run, and the bundled data is what the rebuild makes."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import python_calamine as pc
from conftest import DATA, REPO, SEEDS, rebuild_module

SCRIPTS = sorted((REPO / "examples").glob("[0-9][0-9]_*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_example_script_runs(script: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script), run_name="__main__")


def _cells(path: Path) -> dict[str, list[list[object]]]:
    wb = pc.CalamineWorkbook.from_path(str(path))
    try:
        return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wb.sheet_names}
    finally:
        wb.close()


def test_bundled_examples_are_reproducible(tmp_path: Path) -> None:
    written = rebuild_module("rebuild").build_all(SEEDS, tmp_path)
    assert len(written) == 12
    for path in written:
        committed = DATA / path.name
        assert committed.exists(), f"{path.name} is not committed in examples/data"
        if path.suffix == ".xlsx":
            assert _cells(path) == _cells(committed), path.name
        else:  # text, web page and Word files are written byte for byte the same
            assert path.read_bytes() == committed.read_bytes(), path.name

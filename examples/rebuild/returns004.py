"""Rebuild the bundled returns of 弋江区's 2023 Q2 collection from its published report (seed 004).

    python examples/rebuild/returns004.py [OUT_DIR]

The published report (examples/data/弋江区2023年二季度重点工作进展和完成情况.xlsx, rebuilt from
examples/sources/004_8d04ce5b0ce2eadc.txt) gives, for each of its 126 tasks, the lead units and
the 进展情况 the district published. This script plays the other side of the cycle: govtasks
imports the report as the breakdown, writes each unit's 2023 Q2 form, and each lead unit fills
its form with the published 进展情况 of the tasks it leads (a task with several lead units gets
the same joint text from each of them, as the published table shows it once), the way a clerk's
Excel saves it (openpyxl). Then the forms are sent back as units really send them:

* 区发改委 renames its file (发改委二季度进展情况（终稿）.xlsx);
* 区经信局 saves it as .xls (LibreOffice, as WPS users do);
* 区农水局 sorts its rows the other way round (the hidden 任务编号 column moves with them);
* 规划建设部 puts a 填报说明 sheet before the form;
* 区市监局 sends nothing (MISSING);
* units that only cooperate send nothing either: the published report carries only the lead
  units' progress, so no cooperating text exists to send.

Nothing else is invented: no status, no problems, no next steps. The saved times are pinned
(2023-07-03 … in Beijing time), so the files do not change from one rebuild to the next except
for the .xls, whose bytes LibreOffice decides.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REPORT = REPO / "examples" / "data" / "弋江区2023年二季度重点工作进展和完成情况.xlsx"
OUT = REPO / "examples" / "returns" / "弋江2023Q2"
PERIOD = "2023Q2"
GENERATED = dt.datetime(2023, 6, 20, 9, 0)
BEIJING = dt.timezone(dt.timedelta(hours=8))
MISSING = "区市监局"
RENAMED = {"区发改委": "发改委二季度进展情况（终稿）.xlsx"}
AS_XLS = "区经信局"
REVERSED = "区农水局"
SHEET_BEFORE = "规划建设部"


def build(out_dir: Path = OUT) -> list[Path]:
    """Write the returns folder; return the files in it."""
    import govtasks as gt

    bd = gt.import_breakdown(REPORT)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        forms = gt.write_forms(bd, Path(tmp) / "forms", period=PERIOD, generated=GENERATED)
        for n, form in enumerate(forms):
            unit = _meta(form)["单位"]
            led = [t for t in bd.tasks if unit in t.lead]
            if not led or unit == MISSING:
                continue
            target = out_dir / RENAMED.get(unit, form.name)
            _fill(form, {t.id: t.progress for t in led}, target, unit)
            _set_saved(target, dt.datetime(2023, 7, 3, 9, 0, tzinfo=BEIJING) + dt.timedelta(minutes=7 * n))
            if unit == AS_XLS:
                _to_xls(target, Path(tmp) / "lo")
    return sorted(out_dir.iterdir())


def _load(path: Path):  # type: ignore[no-untyped-def]
    import openpyxl

    with warnings.catch_warnings():  # openpyxl warns about the parts it drops (x14 validations)
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(path)


def _meta(path: Path) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in _load(path)["_meta"].iter_rows(values_only=True) if r[0]}


def _fill(form: Path, texts: dict[str, str], target: Path, unit: str) -> None:
    """Type each text into its task's 进展情况 cell (found by the hidden 任务编号 column)."""
    wb = _load(form)
    ws = wb[_meta(form)["数据表"]]
    header = int(_meta(form)["表头行"])
    labels = {str(c.value).strip(): c.column for c in ws[header] if isinstance(c.value, str)}
    id_col, text_col = labels["任务编号"], labels["进展情况"]
    rows = {ws.cell(r, id_col).value: r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, id_col).value}
    for task_id, text in texts.items():
        ws.cell(rows[task_id], text_col).value = text
    if unit == REVERSED:
        _reverse(ws, sorted(rows[t] for t in texts), ws.max_column)
    if unit == SHEET_BEFORE:
        note = wb.create_sheet("填报说明", 0)
        note["A1"] = "本表由规划建设部综合科填报，进展情况经部门负责人审核。"
    wb.save(target)


def _reverse(ws, rows: list[int], width: int) -> None:  # type: ignore[no-untyped-def]
    """Sort the task rows the other way round, every cell of each row moving with it."""
    values = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in rows]
    for r, row in zip(rows, reversed(values)):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c).value = value


def _set_saved(path: Path, when: dt.datetime) -> None:
    """Pin the last-saved time in docProps/core.xml (openpyxl writes "now")."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            info.date_time = (2023, 7, 3, 9, 0, 0)
            z.writestr(info, data)


def _to_xls(path: Path, work: Path) -> None:
    """Save as .xls with LibreOffice (as a WPS user does) and drop the .xlsx."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice is needed to write the .xls return")
    subprocess.run([exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", "xls",
                    "--outdir", str(path.parent), str(path)], check=True, capture_output=True, timeout=180)
    path.unlink()


if __name__ == "__main__":
    for written in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(written.relative_to(REPO) if written.is_relative_to(REPO) else written)

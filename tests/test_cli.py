"""The command line, in-process: output text and exit codes."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLE_000, EXAMPLE_001
from helpers import write_xlsx

import govtasks as gt
from govtasks.cli import main


def test_import_prints_counts_and_issues(tmp_path: Path, capsys) -> None:
    out = tmp_path / "std.xlsx"
    assert main(["import", str(EXAMPLE_001), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "芜湖市2024年度市政府重点工作任务分解.xlsx（按表格读取）：220 项任务，3 个一级标题" in text
    assert "[警告]" in text and "“各县市区政府”是单位分组" in text
    assert len(gt.read_breakdown(out).tasks) == 220


def test_import_with_roster(tmp_path: Path, capsys) -> None:
    roster = write_xlsx(tmp_path / "名册.xlsx", {"单位": [["单位名称", "别名", "所属分组"], ["峨山镇", "", "各镇政府"]]})
    out = tmp_path / "std.xlsx"
    main(["import", str(EXAMPLE_000), "-o", str(out), "--roster", str(roster)])
    bd = gt.read_breakdown(out)
    assert "峨山镇" in bd.tasks[2].coop and "各镇政府" not in bd.units


def test_exit_1_when_data_has_errors(tmp_path: Path, capsys) -> None:
    src = write_xlsx(tmp_path / "t.xlsx", {"S": [["序号", "任务内容", "牵头单位"], ["1", "甲", ""]]})
    assert main(["import", str(src), "-o", str(tmp_path / "o.xlsx")]) == 1
    assert "[错误] t.xlsx!S!B2: 第 1 项任务没有牵头单位和责任单位" in capsys.readouterr().out
    assert (tmp_path / "o.xlsx").exists()


def test_show(tmp_path: Path, capsys) -> None:
    assert main(["show", str(EXAMPLE_001)]) == 0
    text = capsys.readouterr().out
    assert "  二、主要做好十个方面工作（197 项）" in text
    assert "    （一）优化政策机制，激发经济增长新动能。（" in text
    line = next(x for x in text.splitlines() if x.strip().startswith("市科技局"))
    bd = gt.import_breakdown(EXAMPLE_001)
    lead = sum("市科技局" in t.lead for t in bd.tasks)
    coop = sum("市科技局" in t.coop for t in bd.tasks)
    assert line.split()[-4:] == ["牵头", str(lead), "配合", str(coop)]


def test_usage_error_is_exit_2(capsys) -> None:
    try:
        main(["import"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "SRC" in capsys.readouterr().err

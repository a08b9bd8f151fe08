"""The command line, in-process: output text and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    assert "[错误] t.xlsx!S!C2: 第 1 项任务没有牵头单位和责任单位" in capsys.readouterr().out  # the empty unit cell
    assert (tmp_path / "o.xlsx").exists()


def test_show(tmp_path: Path, capsys) -> None:
    assert main(["show", str(EXAMPLE_001)]) == 0
    text = capsys.readouterr().out
    assert "  二、主要做好十个方面工作（197 项）" in text
    assert "    （一）优化政策机制，激发经济增长新动能。（" in text
    line = next(x for x in text.splitlines() if x.strip().startswith("市科技局"))
    assert line.split()[-4:] == ["牵头", "22", "配合", "3"]  # counted in the seed text (examples/sources/001…)


def test_usage_error_is_exit_2(capsys) -> None:
    try:
        main(["import"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "SRC" in capsys.readouterr().err


def test_argparse_speaks_chinese_and_help_lists_the_exit_codes(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0 and out.startswith("用法：govtasks")
    assert "显示本帮助并退出" in out and "退出码：0 正常；1 数据有错误" in out
    assert "usage" not in out and "positional arguments" not in out and "options:" not in out
    with pytest.raises(SystemExit):
        main(["merge", "--help"])
    assert "退出码：" in capsys.readouterr().out
    for argv, words in ((["import"], "govtasks import：错误：缺少必需的参数：SRC"),
                        (["nosuch"], "govtasks：错误：没有命令 'nosuch'"),
                        (["import", "--lead", "xx", "a.xlsx"], "参数 --lead 的取值 'xx' 无效（可选：'auto', 'first'）"),
                        (["import", "a.xlsx", "--bogus"], "无法识别的参数：--bogus"),
                        (["forms", "a.xlsx", "--period"], "参数 --period 后面需要一个值")):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        err = capsys.readouterr().err
        assert exc.value.code == 2 and words in err and "用法：" in err and "error:" not in err, argv


def test_debug_after_the_command_shows_the_traceback(tmp_path: Path, capsys) -> None:
    missing = str(tmp_path / "没有这个文件.xlsx")
    assert main(["import", missing]) == 2
    assert "文件不存在" in capsys.readouterr().err
    with pytest.raises(gt.WorkbookError):
        main(["import", missing, "--debug"])
    with pytest.raises(gt.WorkbookError):
        main(["--debug", "import", missing])


@pytest.mark.parametrize("where, words", [
    ("out.csv", "输出文件须为 Excel 工作簿（.xlsx），请改为“out.xlsx”"),
    ("out", "输出文件须为 Excel 工作簿（.xlsx），请改为“out.xlsx”"),
    ("a_file/std.xlsx", "已有同名文件，不是文件夹"),
    ("a_dir", "这是一个文件夹，请写出要保存的文件名"),
])
def test_import_output_paths_are_checked(where: str, words: str, tmp_path: Path, capsys) -> None:
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    (tmp_path / "a_dir").mkdir()
    assert main(["import", str(EXAMPLE_001), "-o", str(tmp_path / where)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out").exists()


def test_several_inputs_into_an_existing_file_is_refused(tmp_path: Path, capsys) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    assert main(["import", str(EXAMPLE_000), str(EXAMPLE_001), "-o", str(tmp_path / "taken")]) == 2
    assert "已有同名文件，不是文件夹" in capsys.readouterr().err


def test_forms_into_a_file_and_merge_in_the_wrong_order(tmp_path: Path, capsys) -> None:
    (tmp_path / "taken.xlsx").write_text("x", encoding="utf-8")
    assert main(["forms", str(EXAMPLE_001), "--period", "2024Q2", "-o", str(tmp_path / "taken.xlsx")]) == 2
    assert "这是一个文件，不是文件夹" in capsys.readouterr().err
    (tmp_path / "returns").mkdir()
    assert main(["merge", str(tmp_path / "returns"), str(EXAMPLE_001), "--period", "2024Q2",
                 "-o", str(tmp_path / "r.xlsx")]) == 2
    assert "看起来两者顺序反了" in capsys.readouterr().err
    assert main(["merge", str(EXAMPLE_001), str(tmp_path / "returns"), "--period", "2024Q2",
                 "-o", str(tmp_path / "r.csv")]) == 2
    assert "请改为“r.xlsx”" in capsys.readouterr().err
    assert main(["show", str(tmp_path / "returns")]) == 2
    assert "这是一个文件夹，不是任务分解文件" in capsys.readouterr().err


COUNTIES = ("镜湖区", "弋江区", "鸠江区", "湾沚区", "繁昌区", "南陵县", "无为市")  # 芜湖's counties and districts


def _counties_roster(tmp_path: Path) -> Path:
    rows = [["单位名称", "别名", "所属分组"]] + [[name, "", "各县市区政府"] for name in COUNTIES]
    return write_xlsx(tmp_path / "名册.xlsx", {"单位": rows})


def test_forms_with_a_roster_of_some_groups_writes_every_units_form(tmp_path: Path, capsys) -> None:
    """芜湖 names 80 units, one of them the group 各县市区政府; a roster of its 7 members only."""
    roster = _counties_roster(tmp_path)
    assert main(["forms", str(EXAMPLE_001), "--period", "2024Q2", "-o", str(tmp_path / "f"),
                 "--roster", str(roster)]) == 0
    out = capsys.readouterr().out
    names = {p.name.split("_")[0] for p in (tmp_path / "f").glob("*.xlsx")}
    assert len(names) == 80 - 1 + 7 and set(COUNTIES) <= names and "各县市区政府" not in names
    assert "市发改委" in names  # not in the roster: still gets its form
    assert "警告：单位名册中没有以下 75 个单位，已照常生成填报表：" in out  # 80 - 5 groups (4 left unexpanded)
    assert out.count("单位名册中没有") == 1


def test_import_with_such_a_roster_warns_once(tmp_path: Path, capsys) -> None:
    bd = gt.import_breakdown(EXAMPLE_001, roster=_counties_roster(tmp_path))
    unknown = bd.issues.by_code("unit-unknown")
    assert len(unknown) == 1 and "单位名册中没有以下 75 个单位" in unknown[0].message
    assert str(unknown[0].where).endswith("!C4")  # where the first of them (市发改委, task 1) is named: its lead cell

"""The public surface is exactly govtasks.__all__, sorted."""

from __future__ import annotations

import govtasks


def test_all_is_sorted_and_complete() -> None:
    public = sorted(n for n in dir(govtasks) if not n.startswith("_") and n not in {"annotations"}
                    and not isinstance(getattr(govtasks, n), type(govtasks)))
    assert govtasks.__all__ == sorted(govtasks.__all__)
    assert set(public) | {"__version__"} == set(govtasks.__all__)


def test_import_does_not_load_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, govtasks; print('pandas' in sys.modules, 'xlsxwriter' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_leaders_api_is_public() -> None:
    """Issue 13: statuses and lights, history, the rules table, the 通报."""
    assert {"Assessment", "History", "StatusRules", "TaskStatus", "UnitStatus", "read_history", "read_rules",
            "write_bulletin"} <= set(govtasks.__all__)
    assert callable(govtasks.Report.stats_frame) and callable(govtasks.Report.status_frame)

"""Shared paths and fixtures. Tests read the bundled examples and the seeds, and write to tmp_path."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "examples" / "data"
SEEDS = REPO / "examples" / "sources"
REBUILD = REPO / "examples" / "rebuild"

EXAMPLE_000 = DATA / "繁昌区2023年区政府重点工作任务.xlsx"
EXAMPLE_001 = DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx"
EXAMPLE_004 = DATA / "弋江区2023年二季度重点工作进展和完成情况.xlsx"


def rebuild_module(name: str) -> ModuleType:
    """Import one of examples/rebuild/*.py (the seed reconstructions)."""
    if str(REBUILD) not in sys.path:
        sys.path.insert(0, str(REBUILD))
    return importlib.import_module(name)


def seed_rows(module: str) -> list[dict]:
    """The seed's own rows, parsed straight from the seed text (independent of govtasks)."""
    mod = rebuild_module(module)
    return mod.parse((SEEDS / mod.SEED).read_text(encoding="utf-8"))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def libreoffice(tmp_path: Path):
    """Run LibreOffice headless with a private profile: convert(src, fmt, outdir) -> Path.

    Skipped where LibreOffice is missing, except in CI (CI=true), where .ci/run installs it.
    """
    exe = soffice()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed; .ci/run should install it")
        pytest.skip("LibreOffice not installed")
    profile = (tmp_path / "lo-profile").as_uri()

    def convert(src: Path, fmt: str, outdir: Path) -> Path:
        outdir.mkdir(parents=True, exist_ok=True)
        subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=180)
        out = outdir / f"{src.stem}.{fmt.split(':')[0]}"
        assert out.exists(), f"LibreOffice did not write {out}"
        return out

    return convert


if os.environ.get("MUTANT_UNDER_TEST") is not None:  # only under mutmut (tools/README.md, "Mutation testing")

    @pytest.fixture(autouse=True)
    def _cold_memos():
        """Forget memoised parser results before each test: mutmut forks each mutant's run from a process
        whose caches hold the unmutated results, and its test-to-function map must see every call."""
        from govtasks._perf import clear_memos

        clear_memos()
        for name, module in list(sys.modules.items()):
            if name.startswith("govtasks"):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
        yield

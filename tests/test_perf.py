"""The collector pause around bulk steps: state restored, objects promoted, others' frozen objects left alone."""

from __future__ import annotations

import gc

import pytest

from govtasks._perf import paused_gc


class _Thing:
    pass


@pytest.fixture()
def collector():
    gc.collect()
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def _generation(obj: object) -> int:
    return next(g for g in range(3) if any(o is obj for o in gc.get_objects(generation=g)))


def test_the_collector_is_paused_and_resumed(collector) -> None:
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with paused_gc(promote=True):
        pass
    assert not gc.isenabled()  # a program that runs without the collector keeps it off


def test_promote_moves_what_was_made_to_the_oldest_generation(collector) -> None:
    with paused_gc(promote=True):
        kept = _Thing()
    with paused_gc():
        plain = _Thing()
    assert _generation(kept) == 2 and _generation(plain) == 0
    assert gc.get_freeze_count() == 0


def test_promote_leaves_a_program_s_own_frozen_objects_frozen(collector) -> None:
    mine = _Thing()
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused_gc(promote=True):
        made = _Thing()
    assert gc.get_freeze_count() == frozen > 0  # not unfrozen by govtasks
    assert _generation(made) == 0 and mine is not None

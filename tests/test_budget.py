"""The time budget for symbolic work whose failure is harmless."""

import threading
import time

import pytest

from derivations.budget import OverBudget, within
from derivations.commands.common import TimeLimit, time_limit


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_work_over_its_budget_is_interrupted():
    with pytest.raises(OverBudget), within(0.05):
        _spin(5)


def test_work_within_its_budget_runs_to_the_end():
    with within(5):
        _spin(0.01)


def test_the_commands_time_limit_still_fires_after_a_budget():
    with pytest.raises(TimeLimit), time_limit(0.3):
        with within(0.05):
            _spin(0.01)
        _spin(5)


def test_a_nearer_command_limit_keeps_precedence_over_a_budget():
    with pytest.raises(TimeLimit), time_limit(0.05), within(5):
        _spin(5)


def test_outside_the_main_thread_the_work_runs_unbounded():
    outcome = []

    def work():
        with within(0.01):
            _spin(0.05)
        outcome.append("done")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["done"]


def test_a_limit_inside_a_limit_gives_the_outer_one_back():
    # The checker reads its input within a shorter limit inside the command's own one.
    with pytest.raises(TimeLimit), time_limit(0.3):
        with time_limit(0.05):
            _spin(0.01)
        _spin(5)

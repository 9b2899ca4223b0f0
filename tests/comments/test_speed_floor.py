"""The comments stage keeps its speed floor: at least 200 comments per CPU second analysed in one process
(CPU time, so that other jobs sharing the machine do not fail the check)."""

from __future__ import annotations

import pytest

from storyline.bench.comments import bench
from storyline.comments.constructive import constructiveness
from storyline.comments.toxicity import toxicity


@pytest.mark.slow
def test_comments_are_analysed_at_200_a_second_or_more(shared_dir):
    # models load once per process, before the timed part (the README gives the 6,000-comment runs)
    [warm] = toxicity(["Models load once."])
    constructiveness("Models load once.", offensive=warm.general_score, spam=False)
    result = bench(shared_dir, n_comments=2000, per_page=40)
    assert result.comments == 2000
    assert result.comments_per_cpu_second >= 200

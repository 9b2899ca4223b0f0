"""Quality gate: time-expression normalisation on all of MEANTIME must not fall below its floor.

Measured: value F1 0.809 (span F1 0.900, value accuracy 0.899) with spaCy tense, in ~6 s.
Lower the floor only on purpose.
"""

from pathlib import Path

from storyline.eval.timex import evaluate_timex

VALUE_F1_FLOOR = 0.80
SPAN_F1_FLOOR = 0.89


def test_meantime_value_f1_floor(shared_dir: Path) -> None:
    report = evaluate_timex(shared_dir / "data" / "meantime")
    assert report.documents == 120
    assert report.value_f1 >= VALUE_F1_FLOOR
    assert report.span_f1 >= SPAN_F1_FLOOR

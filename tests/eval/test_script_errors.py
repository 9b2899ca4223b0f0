"""The evaluation scripts turn a missing input into a usage error naming it (exit 2), never a traceback."""

from __future__ import annotations

import pytest

from storyline.eval import comment_toxicity, ecbplus, event_types, extraction, pagestories, stories, timex


@pytest.mark.parametrize(("main", "argv"), [
    (extraction.main, ["{missing}"]),
    (timex.main, ["{missing}"]),
    (event_types.main, ["{missing}"]),
    (comment_toxicity.main, ["{missing}"]),
    (ecbplus.main, ["{missing}"]),
    (stories.main, ["--gold", "{missing}", "--pages", "{missing}"]),
    (pagestories.main, ["--gold", "{missing}", "--pages", "{missing}"]),
])
def test_a_missing_input_is_named(main, argv, tmp_path, capsys):
    missing = str(tmp_path / "not-there")
    with pytest.raises(SystemExit) as stopped:
        main([a.format(missing=missing) for a in argv])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert missing in err and "Traceback" not in err

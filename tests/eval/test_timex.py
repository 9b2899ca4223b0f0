"""The MEANTIME scorer on a tiny CAT XML file of our own making."""

import datetime as dt
from pathlib import Path

from storyline.eval.timex import evaluate_timex, format_report, main, read_article

_SENTENCES = [
    ["Harbour", "strike", "ends"],
    ["May", "5", ",", "2014"],
    ["Dock", "workers", "in", "Valparaiso", "returned", "on", "Sunday", "."],
    ["The", "strike", "began", "in", "March", "."],
    ["Unions", "will", "meet", "tomorrow", "."],
]
# (token ids, type, value, function); the first is the creation time.
_TIMEX = [((4, 5, 6, 7), "DATE", "2014-05-05", "CREATION_TIME"), ((14,), "DATE", "2014-05-04", "NONE"),
          ((20,), "DATE", "2014-03", "NONE"), ((25,), "DATE", "2014-05-07", "NONE")]


def _write(tmp_path: Path) -> Path:
    tokens, t_id = [], 0
    for number, words in enumerate(_SENTENCES):
        for word in words:
            t_id += 1
            tokens.append(f'<token number="{t_id - 1}" sentence="{number}" t_id="{t_id}">{word}</token>')
    timexes = [
        f'<TIMEX3 functionInDocument="{fn}" m_id="{90 + i}" type="{kind}" value="{value}">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in ids) + "</TIMEX3>"
        for i, (ids, kind, value, fn) in enumerate(_TIMEX)
    ]
    path = tmp_path / "corpus_x" / "1_Harbour_strike_ends.xml"
    path.parent.mkdir()
    path.write_text('<?xml version="1.0" ?><Document doc_id="1" lang="en">' + "".join(tokens)
                    + "<Markables>" + "".join(timexes) + "</Markables></Document>", encoding="utf-8")
    return path


def test_read_article_rebuilds_text_and_gold(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path))
    assert article.text.splitlines()[1] == "May 5 , 2014"
    assert article.dct == dt.date(2014, 5, 5)
    assert [article.text[g.start : g.end] for g in article.gold] == ["Sunday", "March", "tomorrow"]


def test_scores_count_values_on_overlapping_spans(tmp_path: Path) -> None:
    _write(tmp_path)
    report = evaluate_timex(tmp_path, use_spacy=False)
    assert (report.gold, report.system, report.matched) == (3, 3, 3)
    # 'tomorrow' resolves to 2014-05-06, gold says 05-07: one value wrong.
    assert report.value_correct == 2
    assert abs(report.value_f1 - 2 / 3) < 1e-9
    assert "F1 0.667" in format_report(report)


def test_main_prints_figures(tmp_path: Path, capsys) -> None:
    _write(tmp_path)
    assert main([str(tmp_path), "--no-spacy"]) == 0
    assert "value  accuracy" in capsys.readouterr().out

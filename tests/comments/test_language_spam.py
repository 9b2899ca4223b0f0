"""Language, spam, reposts, flooding and toxicity on comments of our own making."""

from __future__ import annotations

import json

import pytest

from storyline.comments.constructive import constructiveness, load_constructiveness_model
from storyline.comments.language import detect_language
from storyline.comments.spam import Posted, content_spam, exact_key, find_reposts, flooding, signature
from storyline.comments.textmodel import data_path, toxicity_card
from storyline.comments.toxicity import BLEND_FEATURES, Blend, load_blend, toxicity


class FixedScores:
    """A stand-in model giving every text the same score."""

    def __init__(self, value: float) -> None:
        self.value = value

    def score(self, texts):
        return [self.value] * len(texts)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The minister should explain why the talks in Nairobi failed again this week.", "en"),
        ("Le ministre n'a rien dit sur les négociations avec le Rwanda, c'est une honte.", "fr"),
        ("Die Regierung hat wieder nichts gegen die Korruption in Kiew getan.", "de"),
        ("El gobierno de Bolivia no hace nada por el pueblo y siempre miente.", "es"),
        ("O governo de Angola não faz nada e o exército também não.", "pt"),
        ("Il governo non ha fatto niente per i pescatori di Lampedusa.", "it"),
        ("De regering doet niets en het leger ook niet.", "nl"),
        ("Pemerintah tidak peduli dengan rakyat di Papua.", "id"),
        ("Это позор для армии и для правительства.", "ru"),
        ("فوج کے سربراہ نے اچھا کام کیا", "ur"),
        ("Bravo Mwangi!", "und"),
    ],
)
def test_language_by_script_and_function_words(text, code):
    assert detect_language(text).code == code


def test_advertising_and_link_spam_but_not_a_cited_source():
    assert content_spam("Earn $400 a week working from home!! Click here www.quickcash.biz") == "advertising"
    assert content_spam("Cheap loans, whatsapp +44 7700 900123") == "advertising"
    assert content_spam("http://bit.ly/3xYz") == "link"
    assert content_spam("see www.one.example.com and http://two.example.org/x") == "link"
    cited = ("According to the budget office report at https://budget.example.org/2014 the army spent twice "
             "what parliament approved.")
    assert content_spam(cited) is None
    assert content_spam("Mwangi is a disgrace to Kenya.") is None


def test_one_author_flooding_a_thread_is_marked_after_the_first_two():
    authors = ["Tomas", "Nia", "Tomas", "Tomas", "Tomas", "Tomas", "Ravi"]
    assert flooding(authors) == {3, 4, 5}
    assert flooding(["Tomas", "Nia", "Tomas", "Ravi", "Lena", "Tomas", "Ola", "Ike", "Ada", "Bo"]) == set()


def _posted(doc, cid, author, text, order):
    return Posted(key=(doc, cid), author=author, exact=exact_key(text), minhash=signature(text), order=(order,))


def test_exact_and_near_reposts_within_and_across_pages():
    original = "The army chief should resign after the ambush at the Kasese checkpoint, it was his failure."
    near = "The army chief should resign after the ambush at the Kasese checkpoint, it was all his failure!"
    items = [
        _posted("ug-1", "c1", "Okello", original, 1),
        _posted("ug-1", "c2", "Nakato", "Agreed.", 2),
        _posted("ug-1", "c3", "Okello", original, 3),           # same author, same page: spam
        _posted("ug-1", "c4", "Mugisha", "Agreed.", 4),           # too short to be a repost
        _posted("ug-2", "c1", "bot_77", near, 5),                # near copy on another page: spam
        _posted("ug-2", "c2", "Achieng", "The checkpoint should never have been left with six men.", 6),
    ]
    found = {k: (r.original, r.spam) for k, r in find_reposts(items).items()}
    assert found == {("ug-1", "c3"): (("ug-1", "c1"), True), ("ug-2", "c1"): (("ug-1", "c1"), True)}


def test_a_different_reader_repeating_a_sentence_on_the_same_page_is_a_duplicate_not_spam():
    text = "Nobody in Kampala will be held responsible for this, as usual."
    found = find_reposts([_posted("ug-1", "c1", "A", text, 1), _posted("ug-1", "c5", "B", text, 2)])
    assert found[("ug-1", "c5")].original == ("ug-1", "c1") and not found[("ug-1", "c5")].spam


def test_copies_of_a_comment_are_indexed_once_and_those_with_an_exact_original_not_looked_up(monkeypatch):
    from datasketch import MinHashLSH

    calls = {"insert": 0, "query": 0}
    for name in calls:
        def counted(self, *args, _name=name, _real=getattr(MinHashLSH, name), **kwargs):
            calls[_name] += 1
            return _real(self, *args, **kwargs)
        monkeypatch.setattr(MinHashLSH, name, counted)
    original = "The army chief should resign after the ambush at the Kasese checkpoint, it was his failure."
    near = "The army chief should resign after the ambush at the Kasese checkpoint, it was all his failure!"
    copies = [_posted(f"p{n}", "c1", f"reader{n}", original, 10 + n) for n in range(20)]
    items = [*copies, _posted("q", "c1", "bot", near, 5), _posted("r", "c1", "late", near, 50)]
    found = {k: r.original for k, r in find_reposts(items).items()}
    assert found == {**{("p" + str(n), "c1"): ("q", "c1") for n in range(20)}, ("r", "c1"): ("q", "c1")}
    assert calls == {"insert": 2, "query": 2}  # the near copy first (5), the text first copied (10); the rest copies


def test_toxicity_scores_and_labels():
    calm, abuse, hate = toxicity([
        "I think the ministers in Lusaka should publish the contract before the vote.",
        "You are a stupid idiot, go back to your village.",
        "These animals should all be shot, every last one of them.",
    ])
    assert 0.0 <= calm.score < load_blend().threshold and not calm.toxic
    assert abuse.toxic and abuse.score >= 0.9 and "idiot" in abuse.insults
    assert hate.toxic and hate.score > calm.score
    # both models take part: the general model knows abuse the Fox threads rarely labelled
    assert abuse.general_score > 0.5 > calm.general_score and 0.0 < calm.model_score < 1.0


def test_toxicity_blends_the_two_models_with_the_cards_weights():
    texts = ["The border talks in Addis Ababa went nowhere again."]
    ours, general = FixedScores(0.8), FixedScores(0.1)

    def blend(coef):
        return Blend(mean=(0.0,) * 4, scale=(1.0,) * 4, coef=coef, intercept=0.0, threshold=0.5)

    [only_ours] = toxicity(texts, model=ours, general=general, blend=blend((1.0, 0.0, 0.0, 0.0)))
    [only_general] = toxicity(texts, model=ours, general=general, blend=blend((0.0, 1.0, 0.0, 0.0)))
    [both] = toxicity(texts, model=ours, general=general, blend=blend((0.5, 0.5, 0.0, 0.0)))
    assert only_ours.score == pytest.approx(0.8, abs=1e-3) and only_ours.toxic
    assert only_general.score == pytest.approx(0.1, abs=1e-3) and not only_general.toxic
    assert 0.1 < both.score < 0.8 and both.model_score == 0.8 and both.general_score == 0.1
    calm, shouted = toxicity(["The minister lied again", "THE MINISTER LIED AGAIN"], model=ours, general=general,
                             blend=blend((0.0, 0.0, 0.0, 2.0)))
    assert calm.score == 0.5 and shouted.score > 0.8  # shouting counts
    assert load_blend().coef == tuple(toxicity_card()["blend"]["coef"])


def test_constructiveness_rewards_reasons_and_specifics():
    reasoned = ("The ceasefire will fail because neither side has agreed who monitors the 40 km buffer zone; "
                "the African Union should send observers, as it did in 2015.")
    shout = "WHAT A JOKE!!! LOL"
    score, label = constructiveness(reasoned, offensive=0.02, spam=False)
    assert label and score >= load_constructiveness_model().threshold
    low, low_label = constructiveness(shout, offensive=0.3, spam=False)
    assert not low_label and low < 0.2
    assert constructiveness(reasoned, offensive=0.02, spam=True) == (0.0, False)


def test_model_card_states_data_licence_split_and_heldout_figures():
    card = toxicity_card()
    assert card["data"]["licence"].startswith("MIT")
    assert card["split"]["heldout"] > 250 and card["split"]["shipped_model_fitted_on"] == "train part only"
    for key in ("accuracy", "precision", "recall", "f1", "roc_auc", "average_precision"):
        assert 0.0 <= card["heldout"][key] <= 1.0
    assert data_path("toxicity.npz").stat().st_size < 2_000_000
    assert card["general_model"]["package"] == "alt-profanity-check" and card["general_model"]["licence"] == "MIT"
    assert card["blend"]["features"] == list(BLEND_FEATURES) and 0.0 < card["blend"]["threshold"] < 1.0
    for key in ("roc_auc", "f1"):
        assert 0.0 <= card["unseen_threads"][key] <= 1.0 and 0.0 <= card["unseen_threads"]["model_alone"][key] <= 1.0
    assert json.loads(data_path("lexicon.json").read_text(encoding="utf-8"))["insults"]

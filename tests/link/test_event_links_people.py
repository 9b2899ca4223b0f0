"""Two reports whose sides agree by country but name different people on one side are two events (two
meetings of the same states' envoys), never linked; the same person on both pages links."""

from __future__ import annotations

from storyline.link.events import LinkFeatures, LinkOptions, pair_score


def _meeting(doc: str, visitor: str, host: str = "person:omar-farid:EGY") -> LinkFeatures:
    return LinkFeatures(
        event_id=f"{doc}-ev", doc_id=doc, type="CONSULT", family="CONSULT", symmetric=True,
        actor_ids=frozenset({visitor}), recipient_ids=frozenset({host}),
        actor_codes=frozenset({"FRA"}), recipient_codes=frozenset({"EGY"}),
        dates=(738000, 738000), anchor=(738000, 738000),
        words=frozenset({"met", "cairo", "envoy", "talks", "gaza"}))


def test_different_visitors_are_two_meetings():
    a = _meeting("p1", "person:jean-martin:FRA")
    b = _meeting("p2", "person:luc-bernard:FRA")
    assert pair_score(a, b, options=LinkOptions()) == 0.0


def test_the_same_visitor_links():
    a = _meeting("p1", "person:jean-martin:FRA")
    b = _meeting("p2", "person:martin:FRA")  # named by surname only on the second page
    assert pair_score(a, b, options=LinkOptions()) > 0.0

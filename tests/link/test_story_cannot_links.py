"""What clustering keeps out of one story even when links chain it: conflicting reports, dates days
apart, and acts a page itself reports apart (hand-built events of our own making)."""

from __future__ import annotations


from storyline.events.records import Event, EventParticipant, Evidence, event_id
from storyline.link.events import (
    LinkOptions,
    Node,
    cluster,
    conflicting,
    event_kind,
    features_of,
    kinds_apart,
    link_stories,
    with_page_kinds,
)
from storyline.store.stories import PageInfo


def side(name: str, country: str, actor_id: str | None = None) -> EventParticipant:
    return EventParticipant(text=name, name=name, actor_id=actor_id, local_entity=None, country=country, sector=None,
                            start=0, end=len(name))


def event(doc_id: str, type_: str, mode: str | None, actors: list[EventParticipant],
          recipients: list[EventParticipant], text: str, *, date: str | None = None, at: int = 0,
          symmetric: bool = False) -> Event:
    return Event(
        event_id=event_id(doc_id, type_, at, at + 3), doc_id=doc_id, type=type_, mode=mode, actors=tuple(actors),
        recipients=tuple(recipients), evidence=Evidence(text=text, start=at, end=at + len(text)),
        trigger=Evidence(text=text[:3], start=at, end=at + 3), date=date,
        date_precision=None if date is None else "day", quad_class=4, goldstein=-5.0, symmetric=symmetric,
    )


def pages(*doc_ids: str, published: str = "2019-03-08") -> dict[str, PageInfo]:
    return {d: PageInfo(doc_id=d, published=published, outlet=f"{d}.example", source=f"outlet:{d}.example")
            for d in doc_ids}


def story_of(stories: list, event_id_: str) -> str | None:
    return next((s.story_id for s in stories for r in s.reports if r.event_id == event_id_), None)


MALI_ARMY = side("Malian soldiers", "MLI", "group:malian-soldiers:MLI:MIL")
NIGER_ARMY = side("Nigerien troops", "NER", "group:nigerien-troops:NER:MIL")
BOLIVIA_POLICE = side("Bolivian police", "BOL", "group:bolivian-police:BOL:COP")
BOLIVIA = side("Bolivia", "BOL", "state:BOL")
PROTESTERS = side("protesters", "BOL", "group:protesters:BOL:CVL")


def test_cluster_never_joins_a_pair_marked_apart_even_when_a_third_node_links_both() -> None:
    nodes = {n: Node(doc_id=f"page-{n}", dates=None) for n in "abc"}
    links = [("a", "b", 0.9), ("b", "c", 0.8), ("a", "c", 0.7)]
    together = cluster(nodes, links)
    assert len(set(together.values())) == 1
    kept = cluster(nodes, links, apart=lambda x, y: {x, y} == {"a", "c"})
    assert kept["a"] == kept["b"] and kept["c"] != kept["a"]


def test_cluster_keeps_reports_dated_days_apart_out_of_one_story() -> None:
    nodes = {"early": Node(doc_id="p1", dates=(737120, 737120)), "late": Node(doc_id="p2", dates=(737125, 737125)),
             "undated": Node(doc_id="p3", dates=None)}
    links = [("early", "undated", 0.8), ("late", "undated", 0.7)]
    assert len(set(cluster(nodes, links, max_date_gap=10).values())) == 1
    tight = cluster(nodes, links, max_date_gap=3)
    assert tight["early"] == tight["undated"] != tight["late"]


def test_one_way_attacks_in_opposite_directions_are_never_one_story_through_a_clash_report() -> None:
    text = "Malian and Nigerien troops exchanged fire at the Labbezanga border post on Sunday."
    mali_fires = event("ml1", "ASSAULT", "firearms", [MALI_ARMY], [NIGER_ARMY],
                       "Malian soldiers fired on Nigerien troops at the Labbezanga border post on Sunday.",
                       date="2019-03-03")
    niger_fires = event("ne1", "ASSAULT", "firearms", [NIGER_ARMY], [MALI_ARMY],
                        "Nigerien troops fired on Malian soldiers at the Labbezanga border post on Sunday.",
                        date="2019-03-03")
    clash = event("fr1", "ASSAULT", "firearms", [MALI_ARMY], [NIGER_ARMY], text, date="2019-03-03", symmetric=True)
    opts = LinkOptions()
    f = {e.event_id: features_of(e) for e in (mali_fires, niger_fires, clash)}
    assert conflicting(f[mali_fires.event_id], f[niger_fires.event_id], options=opts)
    assert not conflicting(f[mali_fires.event_id], f[clash.event_id], options=opts)
    stories = link_stories([mali_fires, niger_fires, clash], pages("ml1", "ne1", "fr1"))
    assert story_of(stories, mali_fires.event_id) != story_of(stories, niger_fires.event_id)


def test_kind_is_type_and_mode_only_where_the_mode_names_the_act() -> None:
    curfew = event("b1", "COERCE", "curfew", [BOLIVIA], [PROTESTERS], "Bolivia imposed a curfew in Sucre.")
    bombing = event("b1", "ASSAULT", "aerial", [MALI_ARMY], [NIGER_ARMY], "Malian jets bombed a camp.", at=50)
    talks = event("b1", "CONSULT", "phone", [MALI_ARMY], [NIGER_ARMY], "The ministers spoke by phone.", at=90)
    bare = event("b1", "REQUEST", None, [BOLIVIA], [PROTESTERS], "Bolivia asked protesters to go home.", at=130)
    assert event_kind(curfew) == "COERCE/curfew"
    assert event_kind(bombing) == event_kind(talks) == event_kind(bare) == ""


def test_page_kinds_hold_the_other_acts_of_the_page_with_agreeing_sides() -> None:
    arrest = event("b1", "COERCE", "arrest", [BOLIVIA_POLICE], [PROTESTERS],
                   "Bolivian police detained forty protesters in Sucre.")
    curfew = event("b1", "COERCE", "curfew", [BOLIVIA], [PROTESTERS], "A night curfew was imposed on Sucre.", at=60)
    elsewhere = event("b1", "COERCE", "ban", [side("Ecuador", "ECU", "state:ECU")], [side("a party", "ECU")],
                      "Ecuador banned a party.", at=120)
    air_strike = event("b1", "ASSAULT", "aerial", [MALI_ARMY], [NIGER_ARMY], "Malian jets struck a camp.", at=160)
    gunfire = event("b1", "ASSAULT", "firearms", [MALI_ARMY], [NIGER_ARMY], "Malian troops fired on it.", at=200)
    feats = [features_of(e) for e in (arrest, curfew, elsewhere, air_strike, gunfire)]
    kinds = {f.event_id: f.page_kinds for f in with_page_kinds(feats, feats)}
    assert kinds[arrest.event_id] == {"COERCE/curfew"}
    assert kinds[curfew.event_id] == {"COERCE/arrest"}
    assert kinds[elsewhere.event_id] == frozenset()  # its sides agree with neither
    assert kinds[air_strike.event_id] == kinds[gunfire.event_id] == frozenset()  # means of one attack


def test_a_report_of_one_act_stays_out_of_the_story_of_the_act_its_page_tells_apart() -> None:
    arrest = event("bo1", "COERCE", "arrest", [BOLIVIA_POLICE], [PROTESTERS],
                   "Bolivian police detained forty protesters in Sucre after the curfew began on Friday.")
    curfew = event("bo1", "COERCE", "curfew", [BOLIVIA], [PROTESTERS],
                   "Bolivia imposed a night curfew on the city.", at=120)
    other_curfew = event("pe1", "COERCE", "curfew", [BOLIVIA], [PROTESTERS],
                         "Bolivia imposed a curfew on Sucre, where police detained forty protesters on Friday.")
    feats = with_page_kinds(*(2 * [[features_of(e) for e in (arrest, curfew, other_curfew)]]))
    by_id = {f.event_id: f for f in feats}
    assert kinds_apart(by_id[arrest.event_id], by_id[other_curfew.event_id])
    assert not kinds_apart(by_id[curfew.event_id], by_id[other_curfew.event_id])
    stories = link_stories([arrest, curfew, other_curfew], pages("bo1", "pe1"))
    assert story_of(stories, other_curfew.event_id) != story_of(stories, arrest.event_id)


def test_reports_of_one_act_in_two_modes_still_link_when_no_page_tells_the_modes_apart() -> None:
    seized = event("gt1", "COERCE", "seize", [side("Guatemalan army", "GTM", "group:guatemalan-army:GTM:MIL")],
                   [side("Guatemala", "GTM", "state:GTM")],
                   "The Guatemalan army seized power in Guatemala City on Friday.", date="2019-03-01")
    declared = event("gt2", "COERCE", "martial-law",
                             [side("Guatemalan army", "GTM", "group:guatemalan-army:GTM:MIL")],
                             [side("Guatemala", "GTM", "state:GTM")],
                             "The Guatemalan army seized power in Guatemala City on Friday and declared martial law.",
                             date="2019-03-01")
    stories = link_stories([seized, declared], pages("gt1", "gt2"))
    assert story_of(stories, seized.event_id) == story_of(stories, declared.event_id)

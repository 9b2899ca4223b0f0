"""The JSON API: every endpoint, filter and error, on the sample pages (plus two hostile pages)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

ERROR_KEYS = {"error"}


def _ok(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _error(client, url: str, status: int, code: str, method: str = "GET") -> str:
    response = client.request(method, url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"].startswith(code)
    return body["error"]["message"]


def _meeting(entries: list[dict]) -> dict:
    found = [e for e in entries if e["type"] == "CONSULT" and "date" in e["disputed"]]
    assert len(found) == 1, [e["story_id"] for e in entries]
    return found[0]


def test_pair_timeline_places_sources_and_disagreements(client):
    line = _ok(client, "/api/timeline?actor=PAK&actor=USA")
    assert line["actors"] == ["PAK", "USA"] and line["total"] == len(line["entries"]) > 3
    whens = [e["when"] for e in line["entries"]]
    assert whens == sorted(whens) and all(e["date_source"] in ("reported", "inferred", "published") for e in line["entries"])
    for e in line["entries"]:
        codes = {s["country"] for s in e["actors"]}, {s["country"] for s in e["recipients"]}
        assert ("PAK" in codes[0] and "USA" in codes[1]) or ("USA" in codes[0] and "PAK" in codes[1])
        assert e["evidence"] and e["reports"] and all(r["evidence"] for r in e["reports"])
    meeting = _meeting(line["entries"])
    assert meeting["sources"] == 2 and len({r["doc_id"] for r in meeting["reports"]}) == 2
    values = {d["value"] for d in meeting["disagreements"] if d["field"] == "date"}
    assert len(values) == 2
    assert line["undated_total"] == len(line["undated"]) > 0  # listed apart, never placed
    assert all(u["when"] is None and u["date_source"] == "undated" for u in line["undated"])
    assert sum(p["events"] for p in line["series"]) == line["total"]
    assert all(p["cooperation"] + p["conflict"] <= p["events"] for p in line["series"])


def test_timeline_filters(client):
    everything = _ok(client, "/api/timeline?actor=PAK&actor=USA")["entries"]
    march = _ok(client, "/api/timeline?actor=PAK&actor=USA&since=2012-03&until=2012-03")
    assert march["entries"] and all(e["when"].startswith("2012-03") for e in march["entries"])
    assert march["undated_total"] == 0  # a bounded timeline has no undated part
    consult = _ok(client, "/api/timeline?actor=PAK&actor=USA&type=consult")["entries"]
    assert consult and {e["type"] for e in consult} == {"CONSULT"}
    quad = _ok(client, "/api/timeline?actor=PAK&actor=USA&quad_class=4")["entries"]
    assert quad and {e["quad_class"] for e in quad} == {4}
    two = _ok(client, "/api/timeline?actor=PAK&actor=USA&min_sources=2")["entries"]
    assert two and all(e["sources"] >= 2 for e in two) and len(two) < len(everything)
    doc = _meeting(everything)["reports"][0]["doc_id"]
    by_doc = _ok(client, f"/api/timeline?actor=PAK&actor=USA&doc={doc}")["entries"]
    assert by_doc and all(doc in {r["doc_id"] for r in e["reports"]} for e in by_doc)
    words = _ok(client, "/api/timeline?actor=PAK&actor=USA&q=seoul")["entries"]
    assert words and all("seoul" in (str(e["place"]) + e["evidence"]).lower() or
                         any("seoul" in (r["evidence"] or "").lower() for r in e["reports"]) for e in words)
    page = _ok(client, "/api/timeline?actor=PAK&actor=USA&limit=2&offset=1")
    assert page["limit"] == 2 and page["offset"] == 1 and [e["story_id"] for e in page["entries"]] == \
        [e["story_id"] for e in everything[1:3]]
    weekly = _ok(client, "/api/timeline?actor=PAK&actor=USA&period=week")["series"]
    assert weekly and all("-W" in p["period"] or len(p["period"]) == 7 for p in weekly)


def test_actor_given_by_a_name_or_spelling_is_resolved(client):
    by_name = _ok(client, "/api/timeline?actor=Kiyani")
    chief = by_name["actors"][0]
    assert by_name["total"] + by_name["undated_total"] > 0
    one = _ok(client, "/api/timeline?actor=pak")
    assert one["total"] >= _ok(client, "/api/timeline?actor=PAK&actor=USA")["total"]
    assert chief == "Kiyani"


def test_stories_list_and_one_story(client):
    listed = _ok(client, "/api/stories?actor=PAK")
    assert listed["total"] == len(listed["items"]) > 5
    placed = [s["when"] for s in listed["items"] if s["when"]]
    assert placed == sorted(placed) and listed["items"][-1]["when"] is None  # undated last
    story_id = _meeting(_ok(client, "/api/timeline?actor=PAK&actor=USA")["entries"])["story_id"]
    story = _ok(client, f"/api/stories/{story_id}")
    assert story["story_id"] == story_id and len(story["reports"]) >= 2
    for r in story["reports"]:
        assert {"doc_id", "outlet", "url", "published", "evidence", "title"} <= set(r)
    for d in story["disagreements"]:
        assert d["doc_ids"] and d["value"]
    limited = _ok(client, "/api/stories?limit=1&offset=0")
    assert len(limited["items"]) == 1 and limited["total"] > 1


def test_documents_list_and_one_page_with_evidence_and_threads(client):
    listed = _ok(client, "/api/documents")
    assert listed["total"] == 7
    found = _ok(client, "/api/documents?q=kayani")
    assert found["items"] and all("kayani" in (d["title"] or "").lower() + d["doc_id"] for d in found["items"])
    doc_id = next(d["doc_id"] for d in listed["items"] if d["doc_id"].startswith("001"))
    page = _ok(client, f"/api/documents/{doc_id}")
    pieces = [p for s in page["segments"] for p in s["pieces"]]
    assert "".join(p["text"] for s in page["segments"] if s["role"] == "body" for p in s["pieces"])
    evidence = [p for p in pieces if "evidence" in p["kinds"]]
    assert evidence and all(p["story_id"] for p in evidence)
    assert {"actor", "time", "place"} <= {k for p in pieces for k in p["kinds"]}
    threaded = _ok(client, "/api/documents/" + next(d["doc_id"] for d in listed["items"] if d["doc_id"].startswith("000")))
    for shown in (page, threaded):
        assert shown["comments"] and all((c["parent_id"] is None) == (c["depth"] == 0) for c in shown["comments"])
    assert max(c["depth"] for c in threaded["comments"]) >= 1


def test_a_page_s_comments_carry_their_stance_toxicity_and_reposts(client):
    listed = _ok(client, "/api/documents")["items"]
    threaded = _ok(client, "/api/documents/" + next(d["doc_id"] for d in listed if d["doc_id"].startswith("000")))
    comments = threaded["comments"]
    assert all(c["toxicity"] is not None and 0 <= c["toxicity"] <= 1 for c in comments)
    assert any(c["duplicate_of"] for c in comments)  # the repeated comment of the page
    stances = {t["stance"] for c in comments for t in c["targets"]}
    assert stances and stances <= {"supportive", "critical", "neutral"}
    html = client.get("/documents/" + threaded["doc_id"]).text
    assert 'class="stance ' in html and "repost of " in html


def test_an_actor_s_reader_stance_series(client):
    found = _ok(client, "/api/actors?q=Pakistan")["items"]
    detail = _ok(client, "/api/actors/" + found[0]["actor_id"])
    series = detail["reader_stance"]
    assert series and all(r["comments"] >= r["supportive"] + r["critical"] for r in series)
    assert [r["period"] for r in series] == sorted(r["period"] for r in series)
    assert "What readers say" in client.get("/actors/" + found[0]["actor_id"]).text


def test_actor_search_and_one_actor(client):
    found = _ok(client, "/api/actors?q=Kiyani")["items"]
    assert found and found[0]["country"] == "PAK" and found[0]["sector"] == "MIL"
    assert any("Kayani" in n for n in (found[0]["name"], *found[0]["aliases"]))
    chief = found[0]["actor_id"]
    assert _ok(client, "/api/actors?country=pak&limit=500")["total"] >= 5
    assert all(a["country"] == "PAK" for a in _ok(client, "/api/actors?country=PAK")["items"])
    detail = _ok(client, f"/api/actors/{chief}")
    assert detail["actor"]["actor_id"] == chief and detail["actor"]["country_evidence"]
    assert detail["stories"]["total"] > 0 and detail["counterparts"] and detail["mentions"]
    assert all(m["text"] and m["end"] > m["start"] for m in detail["mentions"])


def test_map_points_filtered_like_the_timeline(client):
    points = _ok(client, "/api/map")["points"]
    assert points and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)
    pair = _ok(client, "/api/map?actor=PAK&actor=USA")["points"]
    assert pair and len(pair) <= len(points)
    assert _ok(client, "/api/map?since=2030")["points"] == []


def test_openapi_describes_every_api_path(client):
    spec = _ok(client, "/api/openapi.json")
    assert {"/api/timeline", "/api/stories", "/api/stories/{story_id}", "/api/documents", "/api/documents/{doc_id}",
            "/api/actors", "/api/actors/{actor_id}", "/api/map"} <= set(spec["paths"])
    assert {"Timeline", "StoryItem", "Report", "Disagreement", "SeriesPoint", "ActorDetail", "PageView", "Piece",
            "MapPoint", "ErrorBody"} <= set(spec["components"]["schemas"])  # the output fields, described
    assert set(spec["components"]["schemas"]["StoryItem"]["properties"]) >= {"when", "date_source", "reports", "disputed"}
    assert "404" in spec["paths"]["/api/stories/{story_id}"]["get"]["responses"]
    params = {p["name"] for p in spec["paths"]["/api/timeline"]["get"]["parameters"]}
    assert {"actor", "since", "until", "type", "quad_class", "doc", "q", "min_sources", "limit", "offset"} <= params


@pytest.mark.parametrize(("url", "status", "code"), [
    ("/api/stories/story-nope", 404, "E205"),
    ("/api/documents/nope", 404, "E203"),
    ("/api/actors/nope", 404, "E204"),
    ("/api/timeline?actor=Zzyzx", 404, "E608"),
    ("/api/timeline?actor=PAK&actor=USA&actor=NATO", 400, "E609"),
    ("/api/timeline?actor=PAK&since=2012-13", 400, "E304"),
    ("/api/timeline?actor=PAK&until=yesterday", 400, "E304"),
    ("/api/timeline?actor=PAK&period=year", 400, "E303"),
    ("/api/stories?limit=501", 400, "E602"),
    ("/api/stories?limit=0", 400, "E602"),
    ("/api/stories?offset=-1", 400, "E602"),
    ("/api/stories?quad_class=7", 400, "E602"),
    ("/api/stories?quad_class=x", 400, "E602"),
    ("/api/stories?min_sources=0", 400, "E602"),
    ("/api/nothing-here", 404, "E605"),
])
def test_errors_share_one_shape(client, url, status, code):
    _error(client, url, status, code)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_the_server_is_read_only(client, method):
    _error(client, "/api/stories", 405, "E606", method=method)
    assert client.request(method, "/timeline").status_code == 405


def test_every_response_carries_the_security_headers(client):
    for url in ("/timeline", "/api/stories", "/api/nothing", "/static/style.css", "/map"):
        headers = client.get(url).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "script-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_a_store_another_process_writes_answers_busy(web_db, tmp_path):
    from fastapi.testclient import TestClient

    from storyline.web.app import Settings, create_app

    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(web_db.read_bytes())
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with TestClient(create_app(Settings(db=copy, lock_wait=0.3))) as busy:
            started = time.monotonic()
            _error(busy, "/api/stories", 503, "E603")
            assert time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait()


def test_a_query_running_too_long_is_stopped(web_db, monkeypatch):
    from fastapi.testclient import TestClient

    from storyline import query
    from storyline.web.app import Settings, create_app

    def slow(store, *args, **kwargs):
        return store.con.execute("SELECT sum(hash(i)) FROM range(20000000000) t(i)").fetchone()

    monkeypatch.setattr(query, "stories", slow)
    with TestClient(create_app(Settings(db=web_db, query_seconds=0.3))) as c:
        started = time.monotonic()
        _error(c, "/api/stories", 504, "E604")
        assert time.monotonic() - started < 10

"""A store of the five sample pages plus two hostile pages of our own making, read once per session,
and a test client of the web app over it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.pipeline import ingest, read_pending
from storyline.store import Store

RLO = "\u202e"  # right-to-left override

HOSTILE_TEXT = f"""<script>alert('headline')</script> Kenya and Uganda sign <b onmouseover=alert(1)>border</b> pact {RLO}gnp.exe

Published: June 4, 2014

NAIROBI: Kenya's President Uhuru Kenyatta met Uganda's President Yoweri Museveni in Nairobi on Tuesday and the two leaders discussed the border crossing.
Officials said the meeting lasted three hours. <img src=x onerror=alert(2)>
"""

HOSTILE_ECHO = """Uganda and Kenya reopen Malaba crossing </td></tr></table><iframe src=javascript:alert(7)>

Published: June 4, 2014

KAMPALA: Uganda's President Yoweri Museveni met Kenya's President Uhuru Kenyatta in Nairobi on Tuesday to discuss trade along their border.
"""

HOSTILE_PAGES = [
    {"id": "hostile-\"><svg onload=alert(9)>", "text": HOSTILE_TEXT, "url": "javascript:alert(3)",
     "comments": [
         {"id": "c1", "text": "<script>alert('comment')</script> a fine deal", "author": "<img src=x onerror=alert(4)>"},
         {"id": "c2", "parent": "c1", "text": "</div></article><a href=\"javascript:alert(5)\">click</a> agreed",
          "author": f"{RLO}evil"},
     ]},
    {"id": "hostile-echo", "text": HOSTILE_ECHO,
     "url": "https://example.org/news?a=1&b=\"><script>alert(6)</script>"},
]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, shared_dir) -> Path:
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text("\n".join(json.dumps(p) for p in HOSTILE_PAGES) + "\n", encoding="utf-8")
    db = folder / "web.duckdb"
    with Store(db) as store:
        report = ingest([shared_dir / "seeds", hostile], store=store)
        assert report.ok, report.errors
        read_pending(store)
    return db


@pytest.fixture(scope="session")
def client(web_db):
    from fastapi.testclient import TestClient

    from storyline.web.app import Settings, create_app

    with TestClient(create_app(Settings(db=web_db))) as c:
        yield c

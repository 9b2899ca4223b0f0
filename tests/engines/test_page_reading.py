"""The one per-page function: plain, serialisable readings, the same in this process and in a pool."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from storyline.demo import corpus_dir
from storyline.engines.local import read_local
from storyline.ingest import discover_pages
from storyline.model import Page
from storyline.page_reading import PageReading, ReadFailure
from storyline.pipeline import build_document
from storyline.read import read_page


@pytest.fixture(scope="module")
def documents():
    return [build_document(p) for p in discover_pages([corpus_dir()]) if isinstance(p, Page)]


@pytest.fixture(scope="module")
def readings(documents):
    return list(read_local(documents, n_process=1))


def test_read_page_gives_plain_records_with_stored_offsets(documents):
    doc = documents[0]
    reading = read_page(doc)
    assert isinstance(reading, PageReading) and reading.doc_id == doc.doc_id and reading.version == doc.version
    assert reading.events and reading.mentions and reading.entities
    for span in (*reading.entities, *reading.times, *reading.places, *reading.mentions):
        assert doc.text[span.start:span.end] == span.text
    for event in reading.events:
        assert doc.text[event.evidence.start:event.evidence.end] == event.evidence.text


def test_a_reading_round_trips_through_json_and_pickle(readings):
    for reading in readings:
        assert isinstance(reading, PageReading)
        text = json.dumps(reading.to_json())
        assert PageReading.from_json(json.loads(text)) == reading
        assert pickle.loads(pickle.dumps(reading)) == reading


def test_a_failure_round_trips():
    failure = ReadFailure(doc_id="d", version=2, source="d.txt", error="ValueError: bad")
    assert ReadFailure.from_json(json.loads(json.dumps(failure.to_json()))) == failure


def test_a_pool_of_workers_reads_what_one_process_reads(documents, readings):
    pooled = list(read_local(documents, n_process=2, chunk=3))
    assert [r.doc_id for r in pooled] == [d.doc_id for d in documents]
    assert pooled == readings


def test_a_page_that_fails_in_a_worker_fails_alone(documents, readings):
    broken = dataclasses.replace(documents[1], published="2012-13-45")  # a stored date that is no date
    pooled = list(read_local([documents[0], broken, documents[2]], n_process=2, chunk=1))
    assert [type(r).__name__ for r in pooled] == ["PageReading", "ReadFailure", "PageReading"]
    assert pooled[0] == readings[0] and pooled[2] == readings[2]
    assert pooled[1].doc_id == broken.doc_id and "ValueError" in pooled[1].error

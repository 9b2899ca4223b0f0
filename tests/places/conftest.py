"""Fixtures for the places tests: the gazetteer is built once per session."""

from __future__ import annotations

import pytest

from storyline.places.gazetteer import Gazetteer, gazetteer


@pytest.fixture(scope="session")
def built() -> Gazetteer:
    return gazetteer()

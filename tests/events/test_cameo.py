"""The PLOVER → CAMEO mapping, quad classes and Goldstein scores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.events.cameo import (
    CameoFields,
    cameo_fields,
    default_cameo,
    goldstein,
    goldstein_table,
    plover_defaults,
    quad_class,
)
from storyline.events.lexicon import PLOVER_TYPES

# Expected root and GDELT quad class of each type's default code (CAMEO cue categories).
EXPECTED = {
    "AGREE": ("03", 1), "CONSULT": ("04", 1), "SUPPORT": ("05", 1), "CONCEDE": ("08", 2),
    "COOPERATE": ("06", 2), "AID": ("07", 2), "RETREAT": ("08", 2), "REQUEST": ("10", 3),
    "ACCUSE": ("11", 3), "REJECT": ("12", 3), "THREATEN": ("13", 3), "PROTEST": ("14", 4),
    "SANCTION": ("16", 4), "MOBILIZE": ("15", 4), "COERCE": ("17", 4), "ASSAULT": ("19", 4),
}  # fmt: skip


@pytest.mark.parametrize("plover_type", PLOVER_TYPES)
def test_every_type_maps_to_its_root_quad_and_sign(plover_type: str) -> None:
    fields = cameo_fields(plover_type)
    root, quad = EXPECTED[plover_type]
    assert fields == CameoFields(cameo=root, quad_class=quad, goldstein=fields.goldstein)
    assert -10.0 <= fields.goldstein <= 10.0
    if quad <= 2:
        assert fields.goldstein > 0
    elif plover_type != "ACCUSE":
        assert fields.goldstein < 0


def test_mode_refines_the_code() -> None:
    assert cameo_fields("ASSAULT", "abduct").cameo == "181"
    assert cameo_fields("ASSAULT", "abduct").root == "18"
    assert cameo_fields("ASSAULT", "firearms").cameo == "193"
    assert cameo_fields("CONSULT", "phone").cameo == "041"
    assert cameo_fields("PROTEST", "strike").cameo == "143"


def test_unknown_mode_falls_back_to_the_type_default() -> None:
    assert cameo_fields("CONSULT", "no-such-mode").cameo == "04"


def test_explicit_code_wins_and_scores_by_prefix() -> None:
    fields = cameo_fields("CONCEDE", cameo_code="055")
    assert (fields.cameo, fields.quad_class, fields.goldstein) == ("055", 1, 7.0)
    # 1823 has no score of its own: it takes 182's.
    assert goldstein("1823") == goldstein("182")


def test_invalid_explicit_code_is_ignored() -> None:
    assert cameo_fields("ASSAULT", cameo_code="999").cameo == "19"


def test_unknown_type_raises() -> None:
    with pytest.raises(ValueError, match="unknown PLOVER type"):
        cameo_fields("DANCE")


def test_quad_class_bounds() -> None:
    assert [quad_class(c) for c in ("01", "05", "06", "08", "09", "13", "14", "20")] == [1, 1, 2, 2, 3, 3, 4, 4]
    with pytest.raises(ValueError):
        quad_class("21")


def test_conflict_is_more_negative_than_verbal_conflict() -> None:
    assert cameo_fields("ASSAULT").goldstein < cameo_fields("THREATEN").goldstein < cameo_fields("CONSULT").goldstein
    assert cameo_fields("AID").goldstein > cameo_fields("CONSULT").goldstein


def test_data_tables_parse_and_cover_every_type_and_root() -> None:
    defaults = plover_defaults()
    assert {t for t, _ in defaults} == set(PLOVER_TYPES)
    assert all((t, None) in defaults for t in PLOVER_TYPES)
    roots = {f"{n:02d}" for n in range(1, 21)}
    assert roots <= set(goldstein_table())
    for code in defaults.values():
        goldstein(code)  # every default code has a score


def test_default_codes_agree_with_the_reference_mapping(shared_dir: Path) -> None:
    """Each default CAMEO root is one that CAMEO2PLOVER maps to the same PLOVER type."""
    text = (shared_dir / "data" / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8", errors="replace")
    roots_by_type: dict[str, set[str]] = {}
    for code, plover in re.findall(r"^(\d{2,4}):\s*([A-Z]+)", text, flags=re.MULTILINE):
        roots_by_type.setdefault(plover, set()).add(code[:2])
    for plover_type in PLOVER_TYPES:
        root = default_cameo(plover_type)[:2]
        assert root in roots_by_type[plover_type], (plover_type, root)

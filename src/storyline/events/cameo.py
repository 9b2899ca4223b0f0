"""CAMEO code, GDELT quad class and Goldstein score for a PLOVER event.

Two data tables, read once: ``data/events/plover_cameo.tsv`` gives each PLOVER type (and mode)
a default CAMEO code, and ``data/events/cameo_goldstein.tsv`` gives Goldstein-style scores
(-10 conflict .. +10 cooperation) per CAMEO code, after Goldstein (1992) as carried over to CAMEO
in the public CAMEO/GDELT codebooks. A code without its own score takes its nearest listed prefix.

The quad class follows the GDELT convention on the CAMEO root: 01-05 verbal cooperation (1),
06-08 material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "events"
PLOVER_CAMEO_PATH = DATA_DIR / "plover_cameo.tsv"
GOLDSTEIN_PATH = DATA_DIR / "cameo_goldstein.tsv"
_CODE_RE = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")
# Upper bound of each quad class's CAMEO roots (GDELT convention).
_QUAD_BOUNDS: tuple[tuple[int, int], ...] = ((5, 1), (8, 2), (13, 3), (20, 4))


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoFields:
    """The CAMEO/GDELT-style columns of one event."""

    cameo: str
    quad_class: int
    goldstein: float

    @property
    def root(self) -> str:
        return self.cameo[:2]


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as e:
        raise ValueError(f"cannot read {path}: {e}") from e
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t")]


def is_cameo_code(code: str) -> bool:
    """Two to four digits under a root from 01 to 20."""
    return bool(_CODE_RE.fullmatch(code))


def _checked_code(code: str, path: Path) -> str:
    if not is_cameo_code(code):
        raise ValueError(f"{path.name}: bad CAMEO code {code!r}")
    return code


@cache
def plover_defaults() -> dict[tuple[str, str | None], str]:
    """(PLOVER type, mode or None) → default CAMEO code."""
    table: dict[tuple[str, str | None], str] = {}
    for row in _rows(PLOVER_CAMEO_PATH):
        key = (row["plover_type"].upper(), row["mode"] or None)
        table[key] = _checked_code(row["cameo"], PLOVER_CAMEO_PATH)
    return table


@cache
def goldstein_table() -> dict[str, float]:
    """CAMEO code → Goldstein-style score."""
    table: dict[str, float] = {}
    for row in _rows(GOLDSTEIN_PATH):
        code = _checked_code(row["cameo"], GOLDSTEIN_PATH)
        try:
            score = float(row["goldstein"])
        except ValueError as e:
            raise ValueError(f"{GOLDSTEIN_PATH.name}: bad score for {code}: {row['goldstein']!r}") from e
        if not -10.0 <= score <= 10.0:
            raise ValueError(f"{GOLDSTEIN_PATH.name}: score {score} for {code} is outside -10..10")
        table[code] = score
    return table


def quad_class(cameo: str) -> int:
    """GDELT quad class of a CAMEO code: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."""
    if not is_cameo_code(cameo):
        raise ValueError(f"not a CAMEO code: {cameo!r}")
    root = int(cameo[:2])
    return next(quad for bound, quad in _QUAD_BOUNDS if root <= bound)


def goldstein(cameo: str) -> float:
    """Goldstein-style score of a CAMEO code (its own, or its nearest listed prefix's)."""
    table = goldstein_table()
    for length in range(len(cameo), 1, -1):
        score = table.get(cameo[:length])
        if score is not None:
            return score
    raise ValueError(f"no Goldstein score for CAMEO code {cameo!r}")


def default_cameo(plover_type: str, mode: str | None = None) -> str:
    """The default CAMEO code of a PLOVER type, refined by mode where the table has one."""
    table = plover_defaults()
    key = plover_type.upper()
    code = table.get((key, mode or None)) or table.get((key, None))
    if code is None:
        raise ValueError(f"unknown PLOVER type {plover_type!r}")
    return code


def cameo_fields(plover_type: str, mode: str | None = None, cameo_code: str | None = None) -> CameoFields:
    """CAMEO code, quad class and Goldstein score for an event.

    ``cameo_code`` (e.g. a trigger's own code) wins when it is a valid code; otherwise the
    type/mode default applies. Unknown PLOVER types raise ``ValueError``.
    """
    default = default_cameo(plover_type, mode)
    code = default
    if cameo_code:
        if is_cameo_code(cameo_code):
            code = cameo_code
        else:
            logger.warning("ignoring invalid CAMEO code %r for %s", cameo_code, plover_type)
    return CameoFields(cameo=code, quad_class=quad_class(code), goldstein=goldstein(code))

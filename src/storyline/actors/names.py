"""Person names: splitting a written name into its parts, and transliteration-tolerant keys.

Names reach us spelt many ways (Mohammed / Muhammad, Yousaf / Yousuf, Zelensky / Zelenskyy). A
:func:`name_key` folds a word to a skeleton: lower case, no accents, consonant spellings merged
(``ph`` -> ``f``, ``q`` -> ``k``, ``w`` -> ``v`` ...), each run of vowels (and ``y`` after the first
letter) reduced to one mark, doubled letters collapsed; a leading vowel becomes ``a``. Two spellings of one name
usually share a key; :func:`similar_surnames` also accepts keys one edit apart when the written
forms are close. :func:`compatible_given` says whether two lists of given names can belong to one
person ("John R." and "John", "Ashfaq Parvez" and "Parvez"), and :func:`conflicting_given` whether
they cannot ("Raheel" and "Nawaz").
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "actors" / "resolve_rules.json"
_VOWELS = frozenset("aeiouy")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """Word lists and rewrite rules for actor resolution (``resolve_rules.json``)."""

    honorifics: frozenset[str]
    title_words: frozenset[str]
    particles: frozenset[str]
    role_synonyms: dict[str, str]
    role_stopwords: frozenset[str]
    locatives: frozenset[str]
    transliteration: tuple[tuple[str, str], ...]
    collective_heads: frozenset[str]
    title_modifiers: frozenset[str] = frozenset()
    non_person_heads: frozenset[str] = frozenset()
    non_referential: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    motion_verbs: frozenset[str] = frozenset()
    visit_verbs: frozenset[str] = frozenset()
    destination_prepositions: frozenset[str] = frozenset()
    event_nouns: frozenset[str] = frozenset()
    leader_suffixes: frozenset[str] = frozenset()
    page_context_sectors: frozenset[str] = frozenset()
    non_national_modifiers: frozenset[str] = frozenset()
    leader_titles: frozenset[str] = frozenset()
    coalition_heads: frozenset[str] = frozenset()
    group_complement_prepositions: frozenset[str] = frozenset()
    page_context_min: int = 2
    page_context_margin: float = 1.5
    generic_cctlds: frozenset[str] = frozenset()
    military_platforms: frozenset[str] = frozenset()
    national_sides: frozenset[str] = frozenset()
    maker_suffixes: frozenset[str] = frozenset()
    institution_heads: frozenset[str] = frozenset()
    compound_agent_heads: frozenset[str] = frozenset()
    institution_source_sectors: frozenset[str] = frozenset()
    relational_heads: frozenset[str] = frozenset()
    """Roles named by their relation to another side ("his counterpart"): the holder is of another
    country than the possessor, so only the mention's own words ("his Ugandan counterpart") give one."""
    place_directions: frozenset[str] = frozenset()
    """Adjectives a place name takes after a locative ("in northern Mali", "in war-torn Sudan")."""


@functools.cache
def rules() -> Rules:
    """The resolution rules, read once from the package data."""
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    synonyms = {fold(alt): fold(canon) for canon, alts in raw["role_synonyms"].items() for alt in alts}
    return Rules(
        generic_cctlds=frozenset(raw.get("generic_cctlds", ())),
        military_platforms=frozenset(map(fold, raw.get("military_platforms", ()))),
        national_sides=frozenset(map(fold, raw.get("national_sides", ()))),
        maker_suffixes=frozenset(map(fold, raw.get("maker_suffixes", ()))),
        institution_heads=frozenset(map(fold, raw.get("page_institution", {}).get("heads", ()))),
        institution_source_sectors=frozenset(raw.get("page_institution", {}).get("source_sectors", ())),
        compound_agent_heads=frozenset(map(fold, raw.get("compound_agent_heads", {}).get("heads", ()))),
        honorifics=frozenset(map(fold, raw["honorifics"])),
        title_words=frozenset(map(fold, raw["title_words"])),
        particles=frozenset(map(fold, raw["name_particles"])),
        role_synonyms=synonyms,
        role_stopwords=frozenset(map(fold, raw["role_stopwords"])),
        locatives=frozenset(map(fold, raw["locative_prepositions"])),
        place_directions=frozenset(map(fold, raw.get("place_directions", ()))),
        relational_heads=frozenset(map(fold, raw.get("relational_heads", ()))),
        transliteration=tuple((a, b) for a, b in raw["transliteration"]),
        collective_heads=frozenset(map(fold, raw["collective_heads"])),
        title_modifiers=frozenset(map(fold, raw["title_modifiers"])),
        non_person_heads=frozenset(map(fold, raw["non_person_heads"])),
        non_referential=frozenset(map(fold, raw["non_referential_determiners"])),
        speech_verbs=frozenset(map(fold, raw["speech_verbs"])),
        motion_verbs=frozenset(map(fold, raw["motion_verbs"])),
        visit_verbs=frozenset(map(fold, raw["visit_verbs"])),
        destination_prepositions=frozenset(map(fold, raw["destination_prepositions"])),
        event_nouns=frozenset(map(fold, raw["event_nouns"])),
        leader_suffixes=frozenset(map(fold, raw["leader_suffixes"])),
        page_context_sectors=frozenset(raw["page_context"]["sectors"]),
        non_national_modifiers=frozenset(map(fold, raw["page_context"]["non_national_modifiers"])),
        leader_titles=frozenset(map(fold, raw["page_context"]["leader_titles"])),
        coalition_heads=frozenset(map(fold, raw.get("coalition_heads", []))),
        group_complement_prepositions=frozenset(map(fold, raw.get("group_complement_prepositions", []))),
        page_context_min=int(raw["page_context"]["min_mentions"]),
        page_context_margin=float(raw["page_context"]["margin"]),
    )


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents or dots; apostrophes kept as written are dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.lower().replace(".", "").replace("’", "'").replace("'", "").strip()


@functools.lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """Transliteration-tolerant skeleton of one name word ("Hossein", "Hussein" -> "h*s*n").

    Consonant spellings are merged by the rewrite rules, ``h`` after a consonant is dropped, a
    silent final ``e`` goes, every run of vowels (``y`` included, after the first letter) becomes
    ``*``, doubled letters collapse and a leading vowel becomes ``a``.
    """
    text = "".join(c for c in fold(word) if c.isalpha())
    if not text:
        return ""
    for old, new in rules().transliteration:
        text = text.replace(old, new)
    if len(text) > 3 and text.endswith("e") and text[-2] not in _VOWELS:
        text = text[:-1]
    first = "a" if text[0] in _VOWELS - {"y"} else text[0]
    out = [first]
    for c in text[1:]:
        if c == "h" and out[-1] not in "*a":
            continue
        mark = "*" if c in _VOWELS else c
        if mark != out[-1] and not (mark == "*" and out[-1] == "a" and len(out) == 1):
            out.append(mark)
    return "".join(out)


def edit_distance(a: str, b: str, *, limit: int = 3) -> int:
    """Levenshtein distance, capped at ``limit`` (enough to compare short name words)."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return min(previous[-1], limit)


@functools.lru_cache(maxsize=1 << 17)
def similar_surnames(a: str, b: str) -> bool:
    """Two spellings of one surname: same key, or keys one edit apart and close written forms."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or ka[0] != kb[0]:
        return False
    if ka == kb:
        return min(len(fa), len(fb)) >= 3
    return min(len(ka), len(kb)) >= 4 and edit_distance(ka, kb) <= 1 and edit_distance(fa, fb) <= 2


@functools.lru_cache(maxsize=1 << 17)
def _given_match(a: str, b: str) -> bool:
    """One given name against another: equal keys, or an initial that fits."""
    fa, fb = fold(a), fold(b)
    if len(fa) == 1 or len(fb) == 1:
        return fa[:1] == fb[:1]
    if fa.split("-")[0] == fb.split("-")[0] and ("-" in fa or "-" in fb):
        return True
    return name_key(a) == name_key(b) or edit_distance(fa, fb) <= 1


def given_name_match(a: str, b: str) -> bool:
    """Two written given names that can be one name ("Prayut" and "Prayuth"); initials never match."""
    return len(fold(a)) > 2 and len(fold(b)) > 2 and _given_match(a, b)


@functools.lru_cache(maxsize=1 << 16)
def compatible_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names that can be one person's: the shorter list fits, in order, into the longer."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    k = 0
    for name in short:
        while k < len(long_) and not _given_match(name, long_[k]):
            k += 1
        if k == len(long_):
            return False
        k += 1
    return True


def conflicting_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both lists are known and cannot be one person's."""
    return bool(a) and bool(b) and not compatible_given(a, b)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonName:
    """A person's name split into given names and surname, titles removed."""

    given: tuple[str, ...]
    surname: str
    prefix: tuple[str, ...] = ()

    @property
    def full(self) -> str:
        return " ".join((*self.given, self.surname))

    @property
    def complete(self) -> bool:
        return any(len(fold(g)) > 1 for g in self.given)


def name_words(text: str) -> list[str]:
    """The words of a written name, possessive endings removed.

    A hyphenated name stays one word ("Chan-o-cha", "Jean-Pierre"); a hyphen after a particle or
    between title words separates words ("al-Assad" -> "al", "Assad"; "Lt-Gen" -> "Lt", "Gen").
    """
    words = [m.group() for m in _WORD.finditer(text)]
    return [part for w in words for part in _split_hyphenated(re.sub(r"['’]s$", "", w))]


def _split_hyphenated(word: str) -> list[str]:
    parts = word.split("-")
    if len(parts) == 1:
        return parts
    r = rules()
    if all(fold(p) in r.title_words or fold(p) in r.honorifics for p in parts):
        return parts
    if fold(parts[0]) in r.particles:
        return [parts[0], *_split_hyphenated("-".join(parts[1:]))]
    return [word]


def split_name(text: str) -> PersonName | None:
    """Split "Gen. Tunde Bello Okafor" into prefix (Gen), given (Tunde, Bello) and surname."""
    words = name_words(text)
    r = rules()
    k = 0
    while k < len(words) - 1 and (fold(words[k]) in r.title_words or fold(words[k]) in r.honorifics):
        k += 1
    prefix, rest = tuple(words[:k]), words[k:]
    rest = [w for w in rest if fold(w) not in r.honorifics or w[:1].isupper() and len(rest) == 1]
    if not rest or not rest[-1][:1].isupper():
        return None
    surname_start = len(rest) - 1
    while surname_start > 0 and fold(rest[surname_start - 1]) in r.particles:
        surname_start -= 1
    surname = " ".join(rest[surname_start:])
    return PersonName(given=tuple(rest[:surname_start]), surname=surname, prefix=prefix)


@functools.lru_cache(maxsize=65536)
def surname_key(surname: str) -> str:
    """Key of a surname that may carry particles ("bin Laden" -> key of "Laden")."""
    words = [part for w in surname.split() for part in _split_hyphenated(w)]
    core = [w for w in words if fold(w) not in rules().particles] or words
    return name_key(core[-1])

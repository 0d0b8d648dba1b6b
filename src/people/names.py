"""Name normalisation and phonetic keys for tolerant person search.

Each name part gets up to three keys: its normal form's first three letters (catches
typing slips late in a name), its Metaphone key and its NYSIIS key (catch spellings that
sound alike: Smith/Smyth, Catherine/Kathryn, Mohammed/Muhammad). Search looks up
candidates by key, then ranks them by Jaro-Winkler similarity.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jellyfish

_NON_ALPHA = re.compile(r"[^a-z ]+")


@lru_cache(maxsize=65_536)  # asked of the same few names many times over when candidates are weighed
def normalise(name: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens removed: "O'Brien-Smyth" -> "obriensmyth"."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_only = decomposed.encode("ascii", "ignore").decode()
    return _NON_ALPHA.sub("", ascii_only.lower().replace("-", " ")).replace(" ", "")


def tokens(name: str) -> list[str]:
    """Words of a name, each normalised: "Mary-Jane O'Neil" -> ["mary", "jane", "oneil"]."""
    return list(_tokens(name or ""))


@lru_cache(maxsize=65_536)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(n for n in (normalise(p) for p in re.split(r"[\s\-]+", name)) if n)


def phonetic_keys(name: str) -> set[str]:
    keys: set[str] = set()
    for token in tokens(name) + ([normalise(name)] if len(tokens(name)) > 1 else []):
        if not token:
            continue
        keys.add("P:" + token[:3])
        keys.add("M:" + jellyfish.metaphone(token)[:16])
        keys.add("N:" + jellyfish.nysiis(token)[:16])
    return {k for k in keys if len(k) > 2}


def search_keys(names: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (part, key) pairs a person with these (given, family) names is found by, in a
    stable order: "GIVEN" keys of each given name, "FAMILY" keys of each family name."""
    wanted: set[tuple[str, str]] = set()
    for given, family in names:
        wanted |= {("GIVEN", key) for key in phonetic_keys(given)}
        wanted |= {("FAMILY", key) for key in phonetic_keys(family)}
    return sorted(wanted)


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two names (Jaro-Winkler on normal forms)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    return float(jellyfish.jaro_winkler_similarity(na, nb))

"""Nearest known names, for "did you mean" suggestions in messages."""

from __future__ import annotations


def closest(word: str, candidates: list[str], cutoff: float = 60) -> str | None:
    names = nearest(word, candidates, limit=1, cutoff=cutoff)
    return names[0] if names else None


def nearest(word: str, candidates: list[str], limit: int = 3, cutoff: float = 60) -> list[str]:
    """The candidates most like `word`, best first; none below `cutoff` (0-100)."""
    if not word or not candidates:
        return []
    # Imported here: only a problem needs suggestions, and validating a clean
    # archive should not pay for loading the library.
    from rapidfuzz import fuzz, process, utils

    matches = process.extract(word, candidates, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=cutoff)
    return [match[0] for match in matches]


def best_score(word: str, candidates: list[str]) -> float:
    """How like `word` (0-100) the closest of `candidates` is."""
    if not word or not candidates:
        return 0.0
    from rapidfuzz import fuzz, process, utils

    match = process.extractOne(word, candidates, scorer=fuzz.WRatio, processor=utils.default_process)
    return match[1] if match else 0.0

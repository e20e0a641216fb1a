"""Free-text search that ignores accents and case and forgives small typos.

An index of folded texts; each word of the query must match (a substring of some item's text, or
failing that a vocabulary word within a small edit distance). Plain data in, item ids out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from logistics_app.domain.text import fold

_WORD = re.compile(r"[a-z0-9]+")
# Similarity (0-100) a vocabulary word needs to stand in for a misspelt query word.
TYPO_CUTOFF = 80
MIN_FUZZY_LENGTH = 4


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass
class SearchIndex:
    texts: dict[int, str] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, rows: Iterable[tuple[int, Iterable[str]]]) -> SearchIndex:
        texts: dict[int, str] = {}
        vocabulary: set[str] = set()
        for item_id, parts in rows:
            found = words(" ".join(p for p in parts if p))
            texts[item_id] = " " + " ".join(found) + " "
            vocabulary.update(found)
        return cls(texts, sorted(vocabulary))

    def search(self, query: str) -> set[int]:
        """Ids of the items matching every word of the query (all ids for an empty query)."""
        result = set(self.texts)
        for word in words(query):
            result &= self._matching(word)
            if not result:
                break
        return result

    def _matching(self, word: str) -> set[int]:
        exact = {i for i, text in self.texts.items() if word in text}
        if exact or len(word) < MIN_FUZZY_LENGTH:
            return exact
        near = [
            w
            for w, _, _ in process.extract(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=5)
        ]
        return {i for i, text in self.texts.items() if any(f" {w} " in text for w in near)}

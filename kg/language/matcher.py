"""Finding known phrases in text: a token trie, longest match first.

Text is cut into word and punctuation tokens; white space and full stops
between tokens are ignored, so "U. S.", "U.S." and "U. S" are the same
tokens. A phrase written with a
capital letter matches only where the text capitalises it too (so the alias
"US" does not match the pronoun "us", and "Ford" is not "ford"); a phrase in
lower case matches in any case.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "`": "'", "\u2018": "'"})


def norm_token(tok: str) -> str:
    return tok.translate(_APOSTROPHES).casefold()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """(begin, end, token) for each token of `text`."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _case_of(tok: str) -> str | None:
    """The form a token of a phrase asks of the text: exact for acronym letters, 'Cap' for a
    capitalised word, None for any case (`tok` with its apostrophes made plain)."""
    if tok.isupper():
        return tok            # acronym letters: exact
    return "Cap" if tok[:1].isupper() else None


@dataclass
class Match(Generic[T]):
    begin: int
    end: int
    text: str
    payloads: list[T]


@dataclass
class _Node(Generic[T]):
    children: dict[str, "_Node[T]"] = field(default_factory=dict)
    payloads: list[tuple[list[str | None], T, bool]] = field(default_factory=list)


class PhraseMatcher(Generic[T]):
    """Longest, left-to-right, non-overlapping matches of known phrases."""

    def __init__(self) -> None:
        self._root: _Node[T] = _Node()
        self.size = 0

    def add(self, phrase: str, payload: T) -> None:
        # one pass over the phrase's tokens for both the trie's keys and the case they ask for
        # (a build adds some 19,000 phrases before it reads its first document)
        toks = [t.translate(_APOSTROPHES) for t in TOKEN.findall(phrase) if t != "."]
        if not toks:
            return
        node = self._root
        for t in toks:
            node = node.children.setdefault(t.casefold(), _Node())
        node.payloads.append(([_case_of(t) for t in toks], payload, phrase.rstrip().endswith(".")))
        self.size += 1

    def add_all(self, items: Iterable[tuple[str, T]]) -> None:
        for phrase, payload in items:
            self.add(phrase, payload)

    def find(self, text: str, tokens: list[tuple[int, int, str]] | None = None) -> Iterator[Match[T]]:
        toks = [t for t in (tokens if tokens is not None else tokenize(text)) if t[2] != "."]
        n = len(toks)
        i = 0
        while i < n:
            node = self._root
            best: tuple[int, list[T], bool] | None = None
            j = i
            while j < n:
                node = node.children.get(norm_token(toks[j][2]))
                if node is None:
                    break
                j += 1
                if node.payloads:
                    ok = [(p, dot) for pat, p, dot in node.payloads if _case_ok(pat, toks[i:j])]
                    if ok:
                        best = (j, [p for p, _ in ok], any(dot for _, dot in ok))
            if best and _word_bounded(text, toks[i][0], toks[best[0] - 1][1]):
                j, payloads, dot = best
                b, e = toks[i][0], toks[j - 1][1]
                if dot and text[e:e + 1] == ".":
                    e += 1
                yield Match(b, e, text[b:e], payloads)
                i = j
            else:
                i += 1


def _case_ok(pattern: list[str | None], toks: list[tuple[int, int, str]]) -> bool:
    for want, (_, _, got) in zip(pattern, toks):
        if want is None:
            continue
        got = got.translate(_APOSTROPHES)
        if want == "Cap":
            if not got[:1].isupper():
                return False
        elif got != want:
            return False
    return True


def _word_bounded(text: str, b: int, e: int) -> bool:
    """The match does not start or end inside a word (tokens already ensure most of this)."""
    return (b == 0 or not (text[b - 1].isalnum() and text[b].isalnum())) and (
        e >= len(text) or not (text[e - 1].isalnum() and text[e].isalnum()))

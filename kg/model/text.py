"""Small text helpers shared by extractors."""
from __future__ import annotations

import re


def norm(s: str) -> str:
    """A comparison key for names: case, dots, possessives, punctuation and a leading 'the' ignored."""
    s = s.casefold().replace("&", " and ").replace(".", "")
    s = re.sub(r"['\u2019`]s\b", "", s)
    s = re.sub(r"[^\w]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    out: list[str] = []
    prev_single = False
    for t in s.split():
        single = len(t) == 1
        if single and prev_single:
            out[-1] += t
        else:
            out.append(t)
        prev_single = single
    return " ".join(out)


def is_acronym(tok: str) -> bool:
    letters = [c for c in tok if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_capitalized(tok: str) -> bool:
    return tok[:1].isupper()


YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")

"""Dates as documents write them, turned into ISO dates or years."""
from __future__ import annotations

import datetime
import re

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_PATTERNS = [
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>1[89]\d\d|20\d\d)\b"),          # January 9, 1992
    re.compile(r"\b(?P<day>\d{1,2})\.?\s+" + _MONTH + r",?\s+(?P<year>1[89]\d\d|20\d\d)\b"),  # 9 January 1992, 11. September 2019
    re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),             # 1992-01-09
    re.compile(r"\b" + _MONTH + r",?\s+(?P<year>1[89]\d\d|20\d\d)\b"),                      # September 1991
]
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 'YYYY-MM-DD' (or 'YYYY-MM'), else None.

    >>> parse_date("[Date] January 9, 1992")
    '1992-01-09'
    """
    best = None
    for pat in DATE_PATTERNS:
        m = pat.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), _iso(m))
    return best[1] if best and best[1] else None


def _iso(m: re.Match) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("mnum"):
        month = int(g["mnum"])
    else:
        month = MONTHS.get(g["month"].casefold().rstrip("."))
    if not month or not 1 <= month <= 12:
        return None
    if g.get("day"):
        day = int(g["day"])
        try:  # a day the month has: not February 30, not April 31
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            return None
    return f"{year:04d}-{month:02d}"

"""The findings cache: what each document was found to say, kept in OUT/kg.cache/ between builds.

An entry is one JSON file named by the document's key (a digest of its name, text and
header, `pipeline.document_key`). It records the fingerprint of what made it (kg's code,
the reference data, spaCy and its model) and a checksum of its findings, so an entry that
is corrupt, cut short, made by another version or for another document is not used: the
document is analysed again and the entry rewritten. Entries are plain data (JSON, never
pickle), so nothing in the cache is ever run. After a build, entries of documents that are
no longer in the corpus are removed.

New entries are written to a temporary folder first and moved into OUT only when the
build has written its graph (`commit`): a build that fails or is interrupted leaves OUT,
its cache too, as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import weakref
from pathlib import Path

from ..extract.base import Findings
from ..model import Amount, Mention, Pledge, Span, Stance

FORMAT = "kg-findings/1"


def cache_dir(out: Path) -> Path:
    return out / "kg.cache"


def _span(s: Span) -> list:
    return [s.begin, s.end, s.text]


def _unspan(v: list) -> Span:
    begin, end, text = v
    if not (isinstance(begin, int) and isinstance(end, int) and isinstance(text, str)):
        raise ValueError("a span is two offsets and a text")
    return Span(begin, end, text)


def to_data(f: Findings) -> dict:
    """A document's findings as plain JSON data, in the order they were found."""
    return {
        "mentions": [[m.type, _span(m.span), m.key, m.label, m.kind, m.source] for m in f.mentions],
        "pledges": [{"doc": p.doc, "span": _span(p.span), "by": p.by, "sectors": p.sectors, "issues": p.issues,
                     "agreement": p.agreement, "amounts": [[_span(a.span), a.value, a.unit] for a in p.amounts],
                     "target_years": p.target_years} for p in f.pledges],
        "stances": [[s.doc, _span(s.span), s.actor, s.issue, s.position] for s in f.stances],
        "attrs": {k: {a: sorted(v) for a, v in attrs.items()} for k, attrs in f.attrs.items()},
        "labels": {k: list(v) for k, v in f.labels.items()},
        "parties": list(f.parties),
        "speakers": [[k, v] for k, v in f.speakers.items()],
    }


def from_data(d: dict) -> Findings:
    """Findings from `to_data`'s data; raises ValueError, KeyError or TypeError on anything else."""
    f = Findings()
    for typ, span, key, label, kind, source in d["mentions"]:
        f._mentions.append(Mention(typ, _unspan(span), key, label, kind, source))
    f._version += 1
    f.pledges = [Pledge(p["doc"], _unspan(p["span"]), list(p["by"]), list(p["sectors"]), list(p["issues"]),
                        p["agreement"], [Amount(_unspan(s), v, u) for s, v, u in p["amounts"]],
                        list(p["target_years"])) for p in d["pledges"]]
    f.stances = [Stance(doc, _unspan(span), actor, issue, pos) for doc, span, actor, issue, pos in d["stances"]]
    f.attrs = {k: {a: set(v) for a, v in attrs.items()} for k, attrs in d["attrs"].items()}
    f.labels = {k: (t, label, kind) for k, (t, label, kind) in d["labels"].items()}
    f.parties = list(d["parties"])
    f.speakers = {int(k): v for k, v in d["speakers"]}
    return f


def _checksum(findings: dict) -> str:
    return hashlib.sha256(json.dumps(findings, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class FindingsCache:
    """The entries of one OUT folder under one fingerprint."""

    def __init__(self, out: Path, fingerprint: str) -> None:
        self.folder = cache_dir(out)
        self.fingerprint = fingerprint
        self.used: set[str] = set()
        self.hits = 0
        self.rejected = 0  # entries found but not trusted: corrupt, cut short, foreign or stale
        self.written = 0
        self._staging: Path | None = None

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str, name: str) -> Findings | None:
        """The cached findings of the document with this key and name, or None."""
        self.used.add(key)
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw.decode("utf-8"))
            if (entry.get("format") != FORMAT or entry.get("fingerprint") != self.fingerprint
                    or entry.get("key") != key or entry.get("name") != name
                    or entry.get("checksum") != _checksum(entry["findings"])):
                raise ValueError("not an entry of this build")
            found = from_data(entry["findings"])
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            self.rejected += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, name: str, found: Findings) -> None:
        """Keep a document's findings, in the staging folder until `commit`."""
        self.used.add(key)
        data = to_data(found)
        entry = {"format": FORMAT, "fingerprint": self.fingerprint, "key": key, "name": name,
                 "checksum": _checksum(data), "findings": data}
        if self._staging is None:
            self._staging = Path(tempfile.mkdtemp(prefix="kg-cache-"))
            # entries never committed (a build that is not written) go when the cache does
            self._cleanup = weakref.finalize(self, shutil.rmtree, self._staging, True)
        (self._staging / f"{key}.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        self.written += 1

    def commit(self) -> int:
        """Move the new entries into OUT/kg.cache/ (each whole, by a rename) and remove the entries
        of documents this build did not have; returns how many were removed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._staging is not None:
            for p in sorted(self._staging.iterdir()):
                tmp = self.folder / f".tmp-{p.name}"
                shutil.move(str(p), tmp)
                os.replace(tmp, self.folder / p.name)
        self.discard()
        gone = 0
        for p in self.folder.iterdir():
            if p.suffix != ".json" or p.stem not in self.used:
                if p.is_dir():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink(missing_ok=True)
                gone += 1
        return gone

    def discard(self) -> None:
        """Drop the entries not committed."""
        if self._staging is not None:
            self._cleanup()
            self._staging = None

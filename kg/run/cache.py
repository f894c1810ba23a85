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
from dataclasses import fields, is_dataclass
from pathlib import Path

from ..extract.base import Findings
from ..model import Amount, Mention, Pledge, Span, Stance

TRANSIENT = {"_view", "_index"}  # the extractors' views of the mentions, made again on demand

FORMAT = "kg-findings/2"


def cache_dir(out: Path) -> Path:
    return out / "kg.cache"


# the records a finding may hold: only these are ever made from an entry
RECORDS = {c.__name__: c for c in (Span, Mention, Pledge, Stance, Amount)}


def _encode(v):
    """Plain JSON data for a value of a finding: records, sets, tuples and dicts tagged so that
    `_decode` gives back the same value."""
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if type(v).__name__ in RECORDS and is_dataclass(v):
        return {"record": type(v).__name__, "fields": [_encode(getattr(v, f.name)) for f in fields(v)]}
    if isinstance(v, list):
        return [_encode(x) for x in v]
    if isinstance(v, tuple):
        return {"tuple": [_encode(x) for x in v]}
    if isinstance(v, (set, frozenset)):
        return {"set": sorted((_encode(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))}
    if isinstance(v, dict):
        return {"dict": [[_encode(k), _encode(x)] for k, x in v.items()]}
    raise TypeError(f"a finding of type {type(v).__name__} cannot be kept in the cache")


def _decode(v):
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if isinstance(v, list):
        return [_decode(x) for x in v]
    if isinstance(v, dict) and len(v) == 1:
        (tag, body), = v.items()
        if tag == "tuple":
            return tuple(_decode(x) for x in body)
        if tag == "set":
            return {_decode(x) for x in body}
        if tag == "dict":
            return {_decode(k): _decode(x) for k, x in body}
    if isinstance(v, dict) and set(v) == {"record", "fields"} and v["record"] in RECORDS:
        return RECORDS[v["record"]](*(_decode(x) for x in v["fields"]))
    raise ValueError("not a value of a finding")


def to_data(f: Findings) -> dict:
    """A document's findings as plain JSON data, every attribute in the order it was found
    (the views and indexes kept for the extractors are left out: they are made again)."""
    return {name: _encode(value) for name, value in f.__getstate__().items() if name not in TRANSIENT}


def from_data(d: dict) -> Findings:
    """Findings from `to_data`'s data; raises ValueError, KeyError or TypeError on anything else."""
    f = Findings()
    expected = set(vars(f)) - TRANSIENT
    if set(d) != expected:
        raise ValueError("not the attributes of this version's findings")
    for name, value in d.items():
        setattr(f, name, _decode(value))
    f._version += 1
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

"""What a Dask worker answers when asked which kg it runs.

This module is sent to workers by value (its code travels with the call), so that a
worker without kg still answers: with the error of importing it.
"""
from __future__ import annotations


def kg_identity() -> dict:
    """kg's version and fingerprint in this process, or why kg cannot be imported."""
    try:
        from kg.model.version import VERSION
        from kg.run.pipeline import fingerprint
        return {"version": VERSION, "fingerprint": fingerprint()}
    except Exception as e:  # noqa: BLE001 - any failure to import is the answer
        return {"error": f"{type(e).__name__}: {e}"}

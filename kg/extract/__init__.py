"""Extractors: one module each, all with one signature.

An extractor is a callable ``extractor(doc, found) -> None`` that reads a
`ParsedDocument` and what earlier extractors found (`Findings`), and adds its
own findings, each with its span. `kg.pipeline` runs them in order.
"""
from .base import Extractor, Findings

__all__ = ["Extractor", "Findings"]

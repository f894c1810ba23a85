"""Properties of the reader and the extractors on random and adversarial text (Hypothesis).

Whatever a document holds, reading and extraction never crash, every span
they emit reproduces its text, every IRI of the graph is a valid IRI, and the
Turtle parses back to the same graph.

The number of examples is kept small for CI; for a longer search run
``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py``.
"""
from __future__ import annotations

import codecs
import os
import re
import tempfile
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from kg.read.corpus import ReadError, content_digest, decode, read_document
from kg.read.text import decode_with_warnings
from kg.read.dates import parse_date
from kg.model.iri import NIF, doc_iri, slug
from kg.language.segment import lines

from .conftest import SEEDS

settings.register_profile("ci", max_examples=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
CHEAP = settings(PROFILE, max_examples=PROFILE.max_examples * 5)  # for the tests without spaCy

ENCODINGS = {"utf-8", "utf-16", "utf-32", "windows-1252", "latin-1"}
# An absolute IRI: a scheme, then no white space, controls or the characters RFC 3987 excludes.
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f]+")

# Real sentences of the sample corpus, and fragments that break careless code.
SEED_SENTENCES = [s.strip() for p in sorted(SEEDS.glob("*.txt"))
                  for s in re.split(r"(?<=[.:;])\s+", p.read_text(encoding="utf-8")[:6000]) if s.strip()]
NAMES = ["Japan", "the United States", "U.S.", "MITI", "the European Union", "Mickey Kantor", "Kantor",
         "the Government of Japan", "Both governments", "the Japanese side", "WTO", "GATT",
         "the Structural Impediments Initiative", "Korea", "China", "Germany", "the Commission"]
VERBS = ["will reduce tariffs on", "will open its market for", "pledged to liberalize", "supports",
         "opposes", "is committed to expanding", "shall eliminate", "agreed to review",
         "will take steps to increase imports of", "urged Japan to drop"]
OBJECTS = ["flat glass", "semiconductors", "rice", "auto parts", "financial services",
           "telecommunications equipment", "agriculture", "intellectual property", "market access"]
HOSTILE = ['"', '"""', "'''", "\\", "\\n", "<", ">", "{", "}", "}}", "#", "%", "^", "`", "|", "\x00",
           "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b",
           "\u200d", "\u202e", "e\u0301", "\u05e9\u05dc\u05d5\u05dd", "日本", "🇯🇵", "\U0001F600",
           "$1,000,000,000,000,000,000 billion", "-5%", "0.000001 percent", "1e308", "¥", "€",
           "by 0000", "by 9999", "in 2999", "[Title]", "[Title] ", "[Date] February 30, 1993",
           "[Date] 31 April 1994", "[Date] 1992-13-45", "SUBJECT:", "# ", "- ", "-- ", "1) ", "(a) ",
           "IV. ", "•", ":", ";", "...", "U.S.-Japan", "U. S.", "'s", "\u2019s", "http://x y", "_:b0",
           "<https://w3id.org/kg/id/actor/japan>", "kga:japan", "@prefix", "a" * 300, "Japan" * 40]
SEPARATORS = [" ", " ", " ", "\n", "\r\n", "\r", "\n\n", "\n- ", "\n1. ", ":\n", ". ", ", ", "\t"]

fragments = st.one_of(st.sampled_from(SEED_SENTENCES), st.sampled_from(NAMES), st.sampled_from(VERBS),
                      st.sampled_from(OBJECTS), st.sampled_from(HOSTILE),
                      st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
documents = st.lists(st.tuples(fragments, st.sampled_from(SEPARATORS)), min_size=1, max_size=40).map(
    lambda parts: "".join(f + s for f, s in parts))
pledge_like = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(VERBS), st.sampled_from(OBJECTS),
                                 st.sampled_from(HOSTILE + [""]), st.sampled_from(SEPARATORS)),
                       min_size=1, max_size=12).map(
    lambda parts: "".join(f"{n} {v} {o}{h}.{s}" for n, v, o, h, s in parts))


@pytest.fixture(scope="module")
def pipeline():
    """spaCy and the default extractors, loaded once."""
    from kg.language.lexicon import load_lexicon
    from kg.language.nlp import load_model
    from kg.build import default_extractors
    return load_model(), default_extractors(load_lexicon())


def build_text(text: str, pipeline, name: str = "doc.txt"):
    """One document of `text` through analysis, extraction, resolution and RDF: (doc, findings, graph)."""
    from kg.read.corpus import read_header
    from kg.model import Document
    from kg.language.nlp import analyze
    from kg.build import extract_document
    from kg.graph.rdf import build_graph
    from kg.resolve.entities import resolve

    nlp, extractors = pipeline
    doc = Document(name=name, text=text)
    read_header(doc)
    found = extract_document(analyze(doc, nlp), extractors)
    entities, pledges, stances = resolve({doc.name: found})
    return doc, found, build_graph([doc], entities, pledges, stances)


def spans_of(found):
    for m in found.mentions:
        yield m.span
    for p in found.pledges:
        yield p.span
        for a in p.amounts:
            yield a.span
    for s in found.stances:
        yield s.span


def assert_graph_is_sound(g: rdflib.Graph, text: str) -> None:
    from kg.graph.rdf import serialize
    for term in {t for triple in g for t in triple}:
        if isinstance(term, URIRef):
            assert IRI.fullmatch(str(term)), f"not a valid IRI: {term!r}"
        else:
            assert isinstance(term, Literal), f"a blank node: {term!r}"
    for s in g.subjects(NIF.anchorOf, None):
        b, e = int(g.value(s, NIF.beginIndex)), int(g.value(s, NIF.endIndex))
        assert 0 <= b < e <= len(text)
        assert text[b:e] == str(g.value(s, NIF.anchorOf))
    data = serialize(g)
    back = rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle")
    assert isomorphic(back, g)
    assert serialize(back) == data


@CHEAP
@given(st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_a_reason(data):
    try:
        text, encoding, warnings = decode_with_warnings(data)
    except ReadError as e:
        assert str(e)
        return
    assert encoding in ENCODINGS or codecs.lookup(encoding)  # a Western one, or the one charset-normalizer named
    replaced = any(w.startswith("UTF-8 but for") for w in warnings)  # its bad bytes replaced, and counted
    assert data.decode(encoding, errors="replace" if replaced else "strict") == text


@CHEAP
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1"]),
       st.sampled_from(["\n", "\r\n", "\r"]))
def test_a_file_read_is_the_file_as_decoded_with_its_recorded_encoding(text, encoding, newline):
    try:
        data = text.replace("\n", newline).encode(encoding)
    except UnicodeEncodeError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "doc.txt"
        p.write_bytes(data)
        try:
            doc = read_document(p)
        except ReadError as e:
            assert str(e)
            return
        with open(p, encoding=doc.encoding, newline="") as f:
            assert f.read() == doc.text


@CHEAP
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=300))
def test_copies_differing_in_line_ends_or_byte_order_mark_have_one_digest(text):
    assert content_digest("\ufeff" + text.replace("\n", "\r\n")) == content_digest(text)


@CHEAP
@given(documents)
def test_lines_reproduce_their_text(text):
    for ln in lines(text):
        assert ln.span.text and text[ln.span.begin:ln.span.end] == ln.span.text


@CHEAP
@given(st.one_of(documents, st.builds(lambda d, m, y: f"[Date] {m} {d}, {y}", st.integers(-5, 40),
                                      st.sampled_from(["January", "February", "Feb.", "April", "Sept", "June"]),
                                      st.integers(1799, 2101))))
def test_dates_are_real_calendar_dates_or_none(text):
    import datetime
    iso = parse_date(text)
    if iso is not None:
        parts = [int(x) for x in iso.split("-")]
        datetime.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)


@CHEAP
@given(st.text(max_size=60))
def test_names_give_valid_iris(name):
    assert IRI.fullmatch(str(doc_iri(name or "x")))
    s = slug(name)
    assert s and re.fullmatch(r"[a-z0-9-]+", s)


@settings(PROFILE)
@given(documents)
def test_extractors_on_random_text_keep_their_spans_and_a_sound_graph(pipeline, text):
    doc, found, g = build_text(text, pipeline)
    for span in spans_of(found):
        assert 0 <= span.begin <= span.end <= len(doc.text)
        assert doc.text[span.begin:span.end] == span.text
    assert_graph_is_sound(g, doc.text)


@settings(PROFILE)
@given(pledge_like)
def test_extractors_on_pledge_like_text_keep_their_spans_and_a_sound_graph(pipeline, text):
    doc, found, g = build_text(text, pipeline, name="Übersicht der Gespräche (Entwurf) #2.txt")
    for span in spans_of(found):
        assert doc.text[span.begin:span.end] == span.text
    assert_graph_is_sound(g, doc.text)

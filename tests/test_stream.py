"""The graph written a part at a time (kg.graph.stream) is the graph made whole: the same bytes,
the same counts, the same violations of the shapes, on every gold set and on records broken on
purpose."""
from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from rdflib import Graph, URIRef

from kg.build import ShapeViolations, write
from kg.graph.rdf import build_graph, serialize
from kg.graph.shapes import validate
from kg.graph.stream import parts, write_ntriples, write_turtle
from kg.model import Span


def _streamed(result, folder, size: int, check: bool = True):
    written = write_ntriples(result.documents, result.entities, result.pledges, result.stances,
                             result.reference, folder, check=check, size=size)
    turtle = folder / "streamed.ttl"
    write_turtle(written.ntriples, written.prefixes, turtle)
    written.ntriples.unlink()
    return written, turtle.read_bytes()


@pytest.mark.parametrize("name", ["sample", "held-out", "multilateral"])
def test_the_graph_written_in_small_parts_is_the_whole_graph_byte_for_byte(gold_set_builds, name, tmp_path):
    result = gold_set_builds[name]
    # parts of a few hundred triples: a document's triples, the entities' and the build's in many
    written, turtle = _streamed(result, tmp_path, size=400)
    assert len(list(parts(result.documents, result.entities, result.pledges, result.stances,
                          result.reference, 400))) > 2
    assert turtle == serialize(result.graph)
    assert written.triples == len(result.graph)
    assert written.counts == result.counts()
    assert written.violations == []


def test_the_turtle_parses_back_to_the_same_graph(seeds_build, tmp_path):
    _, turtle = _streamed(seeds_build, tmp_path, size=1000)
    back = Graph().parse(data=turtle, format="turtle")
    assert set(back) == set(seeds_build.graph)


def _broken(result):
    """The sample's records, broken in ways that only the other parts' triples can show."""
    broken = copy.copy(result)
    entities = dict(result.entities)
    actor = next(k for k, e in sorted(entities.items()) if e.type == "actor" and e.kind == "Country")
    issue = next(k for k, e in sorted(entities.items()) if e.type == "issue")
    entities[actor] = replace(entities[actor], label="")                          # first part
    entities[issue] = replace(entities[issue], documents={"no-such-document.txt"})  # first part, another's type
    pledges = list(result.pledges)
    last = pledges[-1]
    pledges[-1] = replace(last, by=[issue])                              # a later part: the entity's class
    pledges[-2] = replace(pledges[-2], span=Span(20, 10, pledges[-2].span.text))  # a later part: SPARQL
    broken.entities, broken.pledges, broken._graph, broken._counts = entities, pledges, None, None
    return broken


def test_parts_report_the_violations_of_the_whole_graph(seeds_build, tmp_path):
    broken = _broken(seeds_build)
    whole = validate(build_graph(broken.documents, broken.entities, broken.pledges, broken.stances,
                                 broken.reference))
    assert len(whole) >= 4
    written, _ = _streamed(broken, tmp_path, size=500)
    assert [str(v) for v in written.violations] == [str(v) for v in whole]


def test_a_broken_build_writes_nothing(seeds_build, tmp_path):
    broken = _broken(seeds_build)
    out = tmp_path / "out"
    with pytest.raises(ShapeViolations) as e:
        write(broken, out)
    assert any("rdfs:label" in str(v) for v in e.value.violations)
    assert not (out / "kg.ttl").exists()
    assert [p.name for p in out.iterdir()] == []  # no part, no N-Triples left behind


def test_line_breaks_inside_a_literal_survive_the_parts_and_the_merge(tmp_path):
    """N-Triples escapes "\\n" and "\\r" but leaves U+0085 and U+2028 as they are: the lines of a
    part are split at newlines only, or a span's text is cut in two and the Turtle unreadable."""
    from kg.build import build
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "nel.txt").write_text("Japan will reduce tariffs on flat glass\x85 and on steel.\n\n"
                                  "The United States will open its market to rice\u2028 and wheat.\n", encoding="utf-8")
    result = build(docs)
    target = write(result, tmp_path / "out")
    back = Graph().parse(target, format="turtle")
    anchors = {str(o) for o in back.objects(None, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/"
                                                       "ontologies/nif-core#anchorOf"))}
    assert any("\x85" in a for a in anchors) and any("\u2028" in a for a in anchors)
    assert set(back) == set(result.graph)


def test_a_store_loaded_in_batches_keeps_blank_nodes_whole(tmp_path, monkeypatch):
    """The store is loaded a batch of triples at a time (the bulk loader holds a whole file in
    memory otherwise); a blank node split over two batches is still one node."""
    from pyoxigraph import RdfFormat, Store

    import kg.graph.store
    monkeypatch.setattr(kg.graph.store, "LOAD_BATCH", 1)
    data = tmp_path / "blank.ttl"
    data.write_text("@prefix e: <urn:e:> .\ne:a e:p [ e:q 1 ; e:r [ e:s 2 ] ] .\n", encoding="utf-8")
    store = Store()
    kg.graph.store.load_in_batches(store, data, RdfFormat.TURTLE)
    assert len(store) == 4
    rows = list(store.query("SELECT ?v ?w WHERE { <urn:e:a> <urn:e:p> ?b . ?b <urn:e:q> ?v ; <urn:e:r> ?c . "
                            "?c <urn:e:s> ?w }"))
    assert [(r["v"].value, r["w"].value) for r in rows] == [("1", "2")]

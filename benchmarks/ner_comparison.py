"""Which finds actors best on the sample corpus: spaCy's named entities, the
gazetteer with patterns, or both? Prints the actor scores of each against the gold.

    python benchmarks/ner_comparison.py

"spaCy NER" takes every PERSON, ORG, GPE and NORP entity of spaCy's English
model as an actor (PERSON as Person, GPE as Country, ORG as GovernmentBody,
NORP as the Group it names), with no gazetteer and no resolution beyond equal
names. "gazetteer + patterns" is kg's build without the model's names;
"combined" is kg's build as it ships.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = {"PERSON": "Person", "GPE": "Country", "ORG": "GovernmentBody", "NORP": "Group"}


class SpacyEntities:
    """Every named entity of the statistical model that can be an actor, as an actor."""
    name = "spacy-entities"

    def __call__(self, doc, found) -> None:
        from kg.model.iri import ACTOR, slug
        from kg.model import Mention
        for s in doc.sentences:
            for ent in s.sent.ents:
                kind = KINDS.get(ent.label_)
                if kind:
                    b, e = s.tok_begin(ent[0]), s.tok_end(ent[-1])
                    found.add(Mention("actor", doc.span(b, e), str(ACTOR[slug(ent.text)]), ent.text, kind, self.name))


def score(extractors, lexicon) -> tuple[float, float, float, float]:
    import rdflib
    from kg.evaluate.scoring import evaluate_graph, load_gold
    from kg.model.resources import ONTOLOGY_DIR
    from kg.build import build
    result = build(ROOT / "seeds", lexicon=lexicon, extractors=extractors)
    g = rdflib.Graph()
    for t in result.graph:
        g.add(t)
    for f in sorted(ONTOLOGY_DIR.rglob("*.ttl")):
        g.parse(f, format="turtle")
    s = evaluate_graph(g, load_gold(ROOT / "tests" / "data" / "gold"))
    a = s.summary["actors"]
    return a.precision, a.recall, a.f1, s.attributes.get("actor.kind", 0.0)


def main() -> None:
    from kg.extract.persons import Persons
    from kg.language.lexicon import load_lexicon
    from kg.build import default_extractors
    lex = load_lexicon()
    without_model = [Persons(lex, model_names=False) if isinstance(x, Persons) else x for x in default_extractors(lex)]
    variants = [
        ("spaCy NER", [SpacyEntities()]),
        ("gazetteer + patterns", without_model),
        ("combined", default_extractors(lex)),
    ]
    print(f"{'actors from':<24}{'P':>7}{'R':>7}{'F1':>7}{'kind':>7}")
    for name, extractors in variants:
        p, r, f, k = score(extractors, lex)
        print(f"{name:<24}{p:>7.3f}{r:>7.3f}{f:>7.3f}{k:>7.3f}")


if __name__ == "__main__":
    main()

"""Write a synthetic graph of about a million triples shaped like a build of kg.

The same classes, properties, IRI forms and NIF evidence spans as `kg build`
writes, in the proportions of the sample graph (pledges and their spans make
most of it; a few states, Japan and the United States first, make most of the
pledges and are party to most agreements), over a thousand documents. Names
follow a heavy-tailed law, so that some nodes are hubs as in real corpora.
The aliases the tests use ("U.S.", "MITI") are there.

    python benchmarks/synthetic_graph.py /tmp/kg-synthetic/kg.ttl [--triples 1000000]

Deterministic: the same arguments give the same file.
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import random
from pathlib import Path

PREFIXES = """@prefix agreement: <https://w3id.org/kg/id/agreement/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix doc: <https://w3id.org/kg/doc/> .
@prefix issue: <https://w3id.org/kg/id/issue/> .
@prefix kga: <https://w3id.org/kg/id/actor/> .
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix pledge: <https://w3id.org/kg/id/pledge/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix role: <https://w3id.org/kg/id/role/> .
@prefix sector: <https://w3id.org/kg/id/sector/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix stance: <https://w3id.org/kg/id/stance/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""
WORDS = ("trade economic market access automobile semiconductor glass paper telecommunications insurance "
         "procurement tariff investment steel rice beef energy financial services medical equipment "
         "construction software aircraft agriculture fisheries textiles chemicals shipping patents "
         "standards customs deregulation competition subsidies exchange rates security defense").split()
VERBS = ("will take steps to", "shall endeavour to", "intends to", "will encourage", "agrees to", "will consider",
         "is committed to", "will seek to", "undertakes to", "will promote")
KINDS = [("Country", 200), ("GovernmentBody", 1500), ("Person", 2000), ("Company", 800),
         ("InternationalOrganization", 300), ("Association", 150), ("Group", 50)]
FIXED = [
    ("japan", "Country", "Japan", ["Government of Japan", "Japanese side", "Japanese Government", "Tokyo"]),
    ("united-states", "Country", "United States", ["U.S.", "US", "United States Government", "Washington",
                                                   "the American side"]),
    ("ministry-of-international-trade-and-industry", "GovernmentBody",
     "Ministry of International Trade and Industry", ["MITI"]),
    ("european-union", "InternationalOrganization", "European Union", ["EU"]),
]


def lit(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Zipf:
    """Picks ranks 0..n-1 with weight 1 / (rank + 1) ** s."""

    def __init__(self, n: int, s: float, rng: random.Random):
        self.cum = list(itertools.accumulate(1 / (r + 1) ** s for r in range(n)))
        self.rng = rng

    def pick(self) -> int:
        return bisect.bisect(self.cum, self.rng.random() * self.cum[-1])

    def sample(self, k: int) -> list[int]:
        out: list[int] = []
        while len(out) < k:
            i = self.pick()
            if i not in out:
                out.append(i)
        return out


def phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(path: Path, triples: int = 1_000_000, seed: int = 1993) -> int:
    """Write the graph to `path`; return the number of triples written."""
    rng = random.Random(seed)
    scale = triples / 1_000_000
    n_docs = max(5, int(1335 * scale))
    pledges_per_doc, stances_per_doc = 42, 8
    count = 0
    out = []

    def t(s: str, p: str, o: str) -> None:
        nonlocal count
        out.append(f"{s} {p} {o} .\n")
        count += 1

    docs = [f"doc:{i:04d}_{rng.getrandbits(64):016x}" for i in range(n_docs)]
    for i, d in enumerate(docs):
        t(d, "a", "kgo:Document")
        t(d, "dcterms:identifier", lit(d[4:] + ".txt"))
        t(d, "kgo:encoding", lit("utf-8"))
        if rng.random() < 0.6:
            t(d, "dcterms:title", lit(phrase(rng, 6).title()))
            t(d, "dcterms:date", f'"{1950 + i % 70}-{1 + i % 12:02d}-{1 + i % 28:02d}"^^xsd:date')
    doc_pick = Zipf(n_docs, 0.3, rng)

    actors: list[str] = []
    for key, kind, label, aliases in FIXED:
        actors.append(f"kga:{key}")
        t(f"kga:{key}", "a", f"kgo:{kind}")
        t(f"kga:{key}", "rdfs:label", lit(label))
        for a in aliases:
            t(f"kga:{key}", "skos:altLabel", lit(a))
    countries = [a for a in actors if a in ("kga:japan", "kga:united-states")]
    roles = [f"role:{w}-{i}" for i, w in enumerate(["prime-minister", "minister", "ambassador", "president",
                                                    "secretary", "trade-representative", "director-general"])]
    for r in roles:
        t(r, "a", "kgo:Role")
        t(r, "rdfs:label", lit(r.split(":")[1].rsplit("-", 1)[0].replace("-", " ").title()))
    for kind, n in KINDS:
        for i in range(n):
            name = f"{phrase(rng, 2).title()} {kind} {i}"
            iri = f"kga:{kind.lower()}-{i}"
            actors.append(iri)
            t(iri, "a", f"kgo:{kind}")
            t(iri, "rdfs:label", lit(name))
            for j in range(rng.choice((0, 0, 1, 1, 2, 3))):
                t(iri, "skos:altLabel", lit(f"{name.split()[0]} {kind[:3]} {i}-{j}"))
            if kind == "Country":
                countries.append(iri)
            if kind == "Person":
                t(iri, "kgo:represents", countries[Zipf(len(countries), 1.0, rng).pick()] if countries else actors[0])
                t(iri, "kgo:role", rng.choice(roles))
    actor_pick = Zipf(len(actors), 1.1, rng)
    for a in actors:
        for d in sorted({docs[doc_pick.pick()] for _ in range(1 + int(rng.paretovariate(1.2)))}):
            t(a, "kgo:mentionedIn", d)

    sectors = [f"sector:{phrase(rng, 1)}-{i}" for i in range(300)]
    issues = [f"issue:{phrase(rng, 2).replace(' ', '-')}-{i}" for i in range(600)]
    for s in sectors:
        t(s, "a", "kgo:Sector")
        t(s, "rdfs:label", lit(s.split(":")[1].replace("-", " ")))
    for s in issues:
        t(s, "a", "kgo:Issue")
        t(s, "rdfs:label", lit(s.split(":")[1].replace("-", " ")))
    sector_pick, issue_pick = Zipf(len(sectors), 0.9, rng), Zipf(len(issues), 0.9, rng)

    agreements = [f"agreement:{phrase(rng, 3).replace(' ', '-')}-agreement-{i}" for i in range(3000)]
    for i, a in enumerate(agreements):
        t(a, "a", "kgo:Agreement")
        t(a, "rdfs:label", lit(a.split(":")[1].replace("-", " ").title()))
        if rng.random() < 0.5:
            t(a, "dcterms:date", f'"{1945 + i % 80}"^^xsd:gYear')
        for p in sorted(actors[k] for k in actor_pick.sample(rng.choice((0, 2, 2, 2, 3)))):
            t(a, "kgo:party", p)
        for d in sorted({docs[doc_pick.pick()] for _ in range(rng.randint(1, 3))}):
            t(a, "kgo:mentionedIn", d)
    agreement_pick = Zipf(len(agreements), 0.8, rng)

    def span(d: str, begin: int, text: str) -> str:
        s = f"<https://w3id.org/kg/doc/{d[4:]}#offset_{begin}_{begin + len(text)}>"
        t(s, "a", "nif:String")
        t(s, "a", "nif:OffsetBasedString")
        t(s, "nif:referenceContext", d)
        t(s, "nif:beginIndex", f'"{begin}"^^xsd:nonNegativeInteger')
        t(s, "nif:endIndex", f'"{begin + len(text)}"^^xsd:nonNegativeInteger')
        t(s, "nif:anchorOf", lit(text))
        return s

    for d in docs:
        offset = 0
        for _ in range(pledges_per_doc):
            by = [actors[k] for k in actor_pick.sample(1 if rng.random() < 0.7 else 2)]
            text = f"The {phrase(rng, 2)} side {rng.choice(VERBS)} {phrase(rng, rng.randint(8, 25))}."
            offset += rng.randint(50, 400)
            p = f"pledge:{d[4:]}-{offset}-{offset + len(text)}"
            t(p, "a", "kgo:Pledge")
            t(p, "rdfs:label", lit(text[:89]))
            for a in by:
                t(p, "kgo:pledgedBy", a)
            for k in sector_pick.sample(rng.choice((0, 0, 1, 1, 2))):
                t(p, "kgo:concernsSector", sectors[k])
            for k in issue_pick.sample(rng.choice((0, 1, 1, 2))):
                t(p, "kgo:concernsIssue", issues[k])
            if rng.random() < 0.9:
                t(p, "kgo:underAgreement", agreements[agreement_pick.pick()])
            if rng.random() < 0.07:
                a = f"{p}-amount-1"
                t(p, "kgo:amount", a)
                t(a, "a", "kgo:Amount")
                t(a, "kgo:value", f'"{rng.randint(1, 999)}"^^xsd:decimal')
                t(a, "kgo:unit", lit("percent"))
                t(a, "rdfs:label", lit("10 percent"))
                t(a, "prov:wasDerivedFrom", span(d, offset + 5, "10 percent"))
            if rng.random() < 0.06:
                t(p, "kgo:targetYear", f'"{1990 + rng.randint(0, 30)}"^^xsd:gYear')
            offset += len(text)
            t(p, "prov:wasDerivedFrom", span(d, offset - len(text), text))
        for _ in range(stances_per_doc):
            actor, issue = actors[actor_pick.pick()], issues[issue_pick.pick()]
            position = rng.choice(("supports", "opposes"))
            text = f"The {phrase(rng, 1)} delegation {position} {phrase(rng, rng.randint(6, 18))}."
            offset += rng.randint(50, 400)
            st = f"stance:{d[4:]}-{offset}-{offset + len(text)}-{actor.split(':')[1]}-{issue.split(':')[1]}"
            t(st, "a", "kgo:Stance")
            t(st, "kgo:heldBy", actor)
            t(st, "kgo:onIssue", issue)
            t(st, "kgo:position", f"kgo:{position}")
            t(st, "prov:wasDerivedFrom", span(d, offset, text))
            t(actor, f"kgo:{position}", issue)
            offset += len(text)

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(PREFIXES)
        f.writelines(out)
    return count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, nargs="?", default=Path("/tmp/kg-synthetic/kg.ttl"))
    ap.add_argument("--triples", type=int, default=1_000_000, help="About how many triples to write.")
    args = ap.parse_args()
    n = generate(args.out, args.triples)
    print(f"wrote {args.out}: {n} triples")


if __name__ == "__main__":
    main()

"""Quality of the extractors on every gold set, in one process: the scorer's figures per set.

    python benchmarks/quality.py                 # a table: F1 per type and the attributes, per set
    python benchmarks/quality.py --json out.json # the same as JSON, to compare two runs

The sets are those of tests/conftest.py (the sample, the held-out texts, the multilateral
texts); each is built from its documents and scored as `kg eval` scores it.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.evaluate.scoring import evaluate_graph, load_gold, with_ontology  # noqa: E402
from tests.conftest import GOLD_SETS  # noqa: E402

TYPES = ("actors", "agreements", "sectors", "issues", "pledges", "stances")
ATTRIBUTES = ("actor.kind", "person.represents", "agreement.parties", "agreement.date", "pledge.by",
              "pledge.agreement", "pledge.sectors", "pledge.issues")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    ap.add_argument("--set", action="append", choices=sorted(GOLD_SETS), help="only these sets")
    args = ap.parse_args()
    figures = {}
    for name, (docs, gold) in GOLD_SETS.items():
        if args.set and name not in args.set:
            continue
        scores = evaluate_graph(with_ontology(build(docs).graph), load_gold(gold), docs)
        figures[name] = {**{t: scores.f1(t) for t in TYPES},
                         **{a: scores.attributes.get(a) for a in ATTRIBUTES}}
    names = list(figures)
    print(f"{'':20}" + "".join(f"{n:>14}" for n in names))
    for k in (*TYPES, *ATTRIBUTES):
        print(f"{k:20}" + "".join(f"{figures[n][k]:>14.3f}" if figures[n][k] is not None else f"{'-':>14}"
                                  for n in names))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

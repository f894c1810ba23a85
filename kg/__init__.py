"""kg: a knowledge graph of actors, agreements, sectors, issues, pledges and stances
read from diplomatic and trade documents.

From Python (see docs/api.md):

    import kg
    b = kg.build("seeds/")                 # a folder, a file, a text, or a list of them
    b.graph                                # rdflib.Graph
    b.neighbors("Japan")                   # what Japan is linked to, and why
    b.query("pledges-by-actor", actor="Japan").to_dataframe()
    b.export("kg.graphml", "graphml")

`import kg` itself loads nothing heavy: the pipeline is imported by the first build.
"""
import sys
import types

from .model.version import VERSION as __version__
__all__ = ["Build", "build", "__version__"]


class _BuildEntry:
    """`kg.build(...)`, the notebook's entry (kg.api.build). The pipeline's own module is
    kg/build.py, which Python would otherwise set as `kg.build` once it is imported; its
    names stay reachable here too (`kg.build.write`), and `from kg.build import …` is
    unaffected."""

    def __call__(self, sources, ontology=(), strict: bool = False):
        """Build the graph of a file or folder of documents, a text, or a list of them: a
        `kg.Build` (see kg.api.build)."""
        from .api import build
        return build(sources, ontology=ontology, strict=strict)

    def __getattr__(self, name: str):
        import importlib
        return getattr(importlib.import_module(__name__ + ".build"), name)

    def __repr__(self) -> str:
        return "<function kg.build>"


class _Package(types.ModuleType):
    build = property(lambda self: _ENTRY, lambda self, value: None)  # the submodule does not replace it

    def __getattr__(self, name: str):
        if name == "Build":
            from .api import Build
            return Build
        raise AttributeError(f"module 'kg' has no attribute {name!r}")


_ENTRY = _BuildEntry()
sys.modules[__name__].__class__ = _Package

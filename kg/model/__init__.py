"""Stage 0, what every stage shares: the records that cross the stages' boundaries
(`Document`, `Span`, `Mention`, `Entity`, `Pledge`, `Stance`), the IRIs minted for
them (`kg.model.iri`), the normal form labels compare in (`kg.model.text`) and
where the ontology's data lives (`kg.model.resources`).

Nothing here imports a later stage.
"""
from .records import Amount, Document, Entity, Mention, Pledge, Span, Stance

__all__ = ["Amount", "Document", "Entity", "Mention", "Pledge", "Span", "Stance"]

"""Stage 2, language: the reference data read from `ontology/` (`lexicon`), phrase matching
over it (`matcher`), lines and headings (`segment`) and spaCy's analysis (`nlp`), which
turns a `Document` into a `ParsedDocument`."""

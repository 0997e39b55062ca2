"""Political events (PLOVER): who did what to whom, coded from the parse of each sentence.

`EventCoder.code(doc, tracker, quotes, published)` returns `wirelens.model.Event`s; the spaCy
component `wirelens_events` (added after `wirelens_quotes`) sets `doc._.events`. Knowledge is
data: `lang/<code>/events.tsv` (triggers with type and mode) and `lang/<code>/events.json`
(modality, negation, prepositions, collective actors).
"""

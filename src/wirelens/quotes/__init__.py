"""Quotations: marks, the lexicon of cues and roles, the extractor and the model objects."""

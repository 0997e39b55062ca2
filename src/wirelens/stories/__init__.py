"""Syndication: which articles are copies of the same dispatch (stories), and which are
translations of each other.

`fingerprint` turns an article into what the store indexes: a MinHash signature of its word
shingles with LSH band keys (near-duplicates), and a set of language-independent facts
(numbers, canonical actors) for cross-language links. The store (`wirelens.store.sqlite`) keeps
the index in its tables, so matching a new article needs no rebuild.
"""

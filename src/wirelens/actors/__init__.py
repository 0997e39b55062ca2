"""Actors: in-article tracking (`tracker`) and canonical actors across articles (`canonical`)."""

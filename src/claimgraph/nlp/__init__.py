"""Reading claims out of text with spaCy: actors, relations, attribution, modality, dates.

Only this package imports spaCy. Everything here is a pure function of a parsed document and
the lexicon; nothing touches the store.
"""

"""Tokens of a whole corpus and the counts made from them (document-term matrices)."""

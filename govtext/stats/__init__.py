"""Comparative statistics on counts: keywords, keyness, trends, similarity, dictionaries, KWIC."""

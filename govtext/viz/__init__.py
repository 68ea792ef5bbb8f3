"""Figures (matplotlib with a CJK font) and network drawings."""

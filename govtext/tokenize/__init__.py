"""Cutting text into tokens: ``PolicyTokenizer``, its engines, the policy lexicon and term discovery."""

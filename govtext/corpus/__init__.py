"""Reading report files in any encoding, their metadata, ``Report`` and ``Corpus``."""

"""Reference data shipped with govtext (see README.md in this folder)."""

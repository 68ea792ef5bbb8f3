"""Numeric indicators and targets: numbers with units, indicator names, target panels."""

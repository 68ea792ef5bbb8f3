"""Text before tokens: normalisation, sentence and paragraph segmentation, report structure."""

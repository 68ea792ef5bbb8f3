"""Co-occurrence graphs: counts, association measures, backbones, communities, comparison."""

"""Writing graphs and tables to files (GEXF, GraphML, JSON, CSV)."""

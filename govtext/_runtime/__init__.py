"""Runtime support shared by every layer: caches, safe file writing, configuration."""

"""Topic models and their coherence."""

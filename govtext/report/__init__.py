"""The ``govtext report`` HTML page: sections, templates, assets."""

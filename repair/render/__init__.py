"""Renderers: adapters over one Result (unified patch, terminal, JSON, notebook HTML)."""

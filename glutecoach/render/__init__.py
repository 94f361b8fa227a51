"""Renderers. JSON and Markdown never import rich; only render.table does."""

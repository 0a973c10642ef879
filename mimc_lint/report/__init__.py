"""Reporters: pure functions from a report (or the catalog, or a parse tree) to text."""

"""Aggregation, charts and exports: pure, no Flask and no database session."""

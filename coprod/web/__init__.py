"""The web layer: one blueprint per user task."""

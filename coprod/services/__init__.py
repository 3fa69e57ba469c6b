"""Use cases: each takes a Session, owns its transaction and returns plain objects."""

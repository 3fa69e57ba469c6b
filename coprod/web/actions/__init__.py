"""You said, we did: staff write actions linked to what families said, and publish them."""

from coprod.web.actions.routes import blueprint

__all__ = ["blueprint"]

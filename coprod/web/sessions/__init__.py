"""Focus-group sessions: facilitators record them; every member of staff reads finished ones."""

from coprod.web.sessions import activities, contributions, paper, routes, shared_device
from coprod.web.sessions.access import blueprint

__all__ = ["activities", "blueprint", "contributions", "paper", "routes", "shared_device"]

"""Analysts' API tokens: make one for Power BI or a dashboard, see when each was last used,
revoke one; admins see and revoke everyone's."""

from coprod.web.api_tokens.routes import blueprint

__all__ = ["blueprint"]

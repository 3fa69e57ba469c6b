"""The public "you said, we did" page: what the partnership did about what families said."""

from coprod.web.public.routes import blueprint

__all__ = ["blueprint"]

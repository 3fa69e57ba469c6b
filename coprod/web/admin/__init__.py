"""The signed-in home for staff, and surveys to and from XLSForm."""

from coprod.web.admin import routes, xlsform
from coprod.web.admin.routes import blueprint

__all__ = ["blueprint", "routes", "xlsform"]

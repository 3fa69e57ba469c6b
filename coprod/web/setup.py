"""The named steps of create_app that concern the web: templates, extensions, blueprints, errors."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from flask_babel import Babel, lazy_gettext
from flask_login import LoginManager
from flask_wtf.csrf import CSRFError, CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.exceptions import HTTPException

from coprod.config import PROJECT_ROOT
from coprod.db import db_session
from coprod.models import User
from coprod.web import shared_device
from coprod.web.api.errors import error_response, http_error_response, is_api_request
from coprod.web.auth.timeouts import init_staff_timeouts
from coprod.web.presentation import init_presentation, select_language
from coprod.web.rate_limits import init_rate_limits
from coprod.web.security_headers import init_security_headers

csrf = CSRFProtect()
login_manager = LoginManager()


def init_jinja(app: Flask) -> None:
    """Our templates first, then the GOV.UK Frontend macros under their documented prefixes."""
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.template_folder or "templates"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def _branding() -> dict[str, Any]:
        return {
            "partnership_name": app.config["PARTNERSHIP_NAME"],
            "brand_logo": app.config["BRAND_LOGO"],
            "shared_device": shared_device.active(),
        }


def init_extensions(app: Flask) -> None:
    """CSRF on every form, translations, staff sign-in and the GOV.UK form helpers."""
    csrf.init_app(app)
    Babel(
        app,
        locale_selector=select_language,
        default_translation_directories=str(PROJECT_ROOT / "translations"),
    )
    init_presentation(app)
    WTFormsHelpers(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = lazy_gettext("Sign in to see this page")
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def _load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        user = db_session().get(User, int(user_id))
        return user if user is not None and user.active else None

    init_security_headers(app)
    init_staff_timeouts(app)
    init_rate_limits(app)


def register_blueprints(app: Flask) -> None:
    """Respondents, staff pages, and the JSON API (which takes no cookies, so no CSRF token)."""
    from coprod.web.actions import blueprint as actions
    from coprod.web.admin.routes import blueprint as admin
    from coprod.web.api.routes import blueprint as api
    from coprod.web.api_tokens import blueprint as api_tokens
    from coprod.web.assets import blueprint as assets
    from coprod.web.auth.routes import blueprint as auth
    from coprod.web.evidence import blueprint as evidence
    from coprod.web.health import blueprint as health
    from coprod.web.imports import blueprint as imports
    from coprod.web.jobs import blueprint as jobs
    from coprod.web.pages import blueprint as pages
    from coprod.web.people import blueprint as people
    from coprod.web.public import blueprint as public
    from coprod.web.replies import blueprint as replies
    from coprod.web.respond.routes import blueprint as respond
    from coprod.web.review import blueprint as review
    from coprod.web.rights import blueprint as rights
    from coprod.web.safeguarding import blueprint as safeguarding
    from coprod.web.sessions import blueprint as sessions

    app.register_blueprint(respond)
    app.register_blueprint(auth)
    app.register_blueprint(admin)
    app.register_blueprint(sessions)
    app.register_blueprint(review)
    app.register_blueprint(evidence)
    app.register_blueprint(actions)
    app.register_blueprint(public)
    app.register_blueprint(safeguarding)
    app.register_blueprint(assets)
    app.register_blueprint(health)
    app.register_blueprint(pages)
    app.register_blueprint(people)
    app.register_blueprint(rights)
    app.register_blueprint(replies)
    app.register_blueprint(imports)
    app.register_blueprint(api_tokens)
    # The API takes a token in a header, never a cookie, so a forged form cannot use it.
    csrf.exempt(api)
    app.register_blueprint(api)
    app.register_blueprint(jobs)


def register_error_handlers(app: Flask) -> None:
    """Every error gets a plain page with the right status, never a traceback; under /api/ it
    is JSON instead."""

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("errors/csrf.html", return_to=request.referrer), 400

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Any:
        code = error.code or 500
        if code < 400:
            return error
        if is_api_request():
            return http_error_response(error)
        known = {400, 403, 404, 405, 410, 413, 429}
        template = f"errors/{code}.html" if code in known else "errors/other.html"
        return render_template(template, error=error), code

    @app.errorhandler(Exception)
    def _unexpected_error(error: Exception) -> Any:
        app.logger.exception("Unexpected error on %s", request.path)
        if is_api_request():
            return error_response(500)
        return render_template("errors/500.html"), 500

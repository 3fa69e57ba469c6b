"""One focus area's chart as an SVG picture, fetched by the dashboard's page after it loads:
the page's own figures come at once, and each chart is drawn in a request of its own."""

from __future__ import annotations

from flask import Response, abort

from coprod.db import db_session
from coprod.services.evidence import area_trend
from coprod.web.evidence.area_charts import area_charts
from coprod.web.evidence.routes import (
    SENTIMENTS,
    Page,
    _chosen,
    _scope_from,
    blueprint,
    period_name,
)
from coprod.web.sessions.access import framework_areas


@blueprint.get("/charts/<area>/<kind>.svg")
def chart(area: str, kind: str) -> Page:
    """The area's feeling or trend chart for the period and filters in the address."""
    chosen = _chosen()
    scope = _scope_from(chosen.form)
    names = dict(framework_areas(scope.framework))
    if chosen.period is None or area not in names or kind not in ("feeling", "trend"):
        abort(404)
    trend = area_trend(db_session(), scope, area, chosen.periods, chosen.period, chosen.threshold)
    charts = area_charts(area, trend, names[area], SENTIMENTS, period_name)
    drawn = charts.feeling if kind == "feeling" else charts.trend
    return Response(
        drawn.svg,
        mimetype="image/svg+xml",
        headers={"Cache-Control": "private, max-age=300"},
    )

"""The read-only JSON API for an analyst's own tools (Power BI, a council dashboard): statements
and counts by focus area and period, behind a token, described by openapi.yaml."""

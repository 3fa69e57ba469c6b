"""The forum lead's evidence: per focus area, what people said, how it changed, who was heard,
and the position statement the board signs."""

from coprod.web.evidence import board_pack as board_pack
from coprod.web.evidence import board_pack_job as board_pack_job
from coprod.web.evidence import chart_images as chart_images
from coprod.web.evidence import positions as positions
from coprod.web.evidence import responses as responses
from coprod.web.evidence.routes import blueprint

__all__ = ["blueprint"]

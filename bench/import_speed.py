"""How long importing 50,000 rows of a Microsoft Forms export takes, beside the time merely to
parse the same file, in the same run. The goal: the whole import in under 60 seconds.

The file answers the family-experience survey: role, age band, an agreement scale, a multiple
choice, and one free-text answer of one to three sentences in most rows, written from the
development set so the analyser meets real phrasing. The import runs through `coprod import`'s
own service functions against a new SQLite database (and PostgreSQL with --postgres).
"""

from __future__ import annotations

import csv
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from coprod import create_app
from coprod.db import app_session, make_engine
from coprod.imports.layouts import read_layout
from coprod.imports.tables import read_cells
from coprod.migrate import upgrade
from coprod.models import Statement
from coprod.services import imports
from coprod.web.respond.flow import catalogue

ROWS = 50_000
GOAL_SECONDS = 60
DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "analysis"
HEADER = [
    "ID", "Start time", "Completion time", "Email", "Name",
    "Which of these best describes you?", "How old is your child?",
    "When my child first started to struggle, someone noticed and took it seriously.",
    "Which services has your child needed but not been able to get?",
    "What has been hard, or what has gone wrong?",
]  # fmt: skip
ROLES = ["A parent or carer of a child or young person with SEND", "Someone else"]
AGES = ["0 to 4", "5 to 10", "11 to 12", "13 to 15", "16 to 17", "18 to 25", ""]
AGREE = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
SERVICES = ["Speech and language therapy", "Occupational therapy", "Short breaks or respite"]


def export_file(rows: int = ROWS, seed: int = 8) -> bytes:
    """A Microsoft Forms CSV export of ``rows`` made-up responses."""
    chance = random.Random(seed)
    texts = [
        json.loads(line)["text"]
        for line in (DATA / "dev_parents.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(1, rows + 1):
        day = f"{chance.randint(1, 12)}/{chance.randint(1, 28)}/2025"
        said = " ".join(chance.sample(texts, chance.choice([0, 1, 1, 2])))
        writer.writerow(
            [
                n, f"{day} 10:00:00", f"{day} 10:{chance.randint(10, 59)}:00", "anonymous", "",
                chance.choice(ROLES), chance.choice(AGES), chance.choice(AGREE),
                ";".join(chance.sample(SERVICES, chance.randint(0, 2))) + ";", said,
            ]
        )  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


def run(database_url: str | None = None) -> dict[str, Any]:
    """Seconds to parse the file, and to import it whole (parse, check, store, analyse)."""
    data = export_file()
    started = time.perf_counter()
    cells = read_cells(data)
    assert not isinstance(cells, imports.ImportProblem)
    read_layout(cells)
    parse_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite:///{folder}/bench.sqlite"
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        app = create_app({"DATABASE_URL": url, "TESTING": True, "INSTANCE_PATH": folder})
        with app.app_context(), app_session(app) as session:
            definition = catalogue().surveys["family-experience"]
            imports.analyser_for(definition.framework, session.connection())  # train first
            session.commit()
            started = time.perf_counter()
            imported = imports.receive(session, "bench.csv", data, None)
            assert not isinstance(imported, imports.ImportProblem)
            source = imports.source_of(session, imported)
            choices = imports.suggest(session, source, definition, definition.framework)
            checked = imports.check(session, source, "bench.csv", choices, definition, catalogue())
            imports.run(
                session,
                imported,
                checked,
                leave_out_problems=False,
                user_id=None,
                processes=app.config["IMPORT_PROCESSES"],
            )
            import_seconds = time.perf_counter() - started
            statements = session.query(Statement).count()
    result = {
        "rows": ROWS,
        "bytes": len(data),
        "statements": statements,
        "parse_seconds": round(parse_seconds, 2),
        "import_seconds": round(import_seconds, 2),
        "import_vs_parse": round(import_seconds / parse_seconds, 1),
        "meets_goal": import_seconds < GOAL_SECONDS,
    }
    print(json.dumps(result), file=sys.stderr)
    return result


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else None), indent=2))

"""Data flows one way: analysis and evidence stay pure, importing neither Flask nor SQLAlchemy."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from coprod.config import PROJECT_ROOT

FORBIDDEN = ("flask", "sqlalchemy", "coprod.web", "coprod.models", "coprod.db", "coprod.services")


@pytest.mark.parametrize("package", ["analysis", "evidence"])
def test_pure_packages_import_no_framework(package: str) -> None:
    for path in sorted((PROJECT_ROOT / "coprod" / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            for name in names:
                assert not name.startswith(FORBIDDEN), (
                    f"{path.relative_to(PROJECT_ROOT)} imports {name}"
                )


def test_modules_stay_small() -> None:
    for path in Path(PROJECT_ROOT / "coprod").rglob("*.py"):
        lines = len(path.read_text().splitlines())
        assert lines <= 400, (
            f"{path.relative_to(PROJECT_ROOT)} has {lines} lines; split it by responsibility"
        )

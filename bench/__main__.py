"""Run every benchmark in this package and merge its figures into bench/results.json."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.json"


def benchmark_modules() -> list[ModuleType]:
    """The modules of this package that have a run() function, in name order."""
    found = []
    for info in sorted(pkgutil.iter_modules([str(BENCH)]), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        if callable(getattr(module, "run", None)):
            found.append(module)
    return found


def main() -> None:
    """Run each benchmark and store its figures under its module's name, keeping other keys."""
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    for module in benchmark_modules():
        results[module.__name__.rsplit(".", 1)[1]] = module.run()
        RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Results written to {RESULTS}")


if __name__ == "__main__":
    main()

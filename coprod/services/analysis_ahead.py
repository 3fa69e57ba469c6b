"""Analyse a large import's statements in worker processes, ahead of the inserts that store them.

Analysis is most of an import's time and uses one core; with the work split over the machine's
cores, and the inserts of one batch overlapping the analysis of the next, 50,000 rows import in
well under a minute. The workers start from a fresh interpreter ("forkserver"), never a copy of a
web worker's threads and locks, and each is handed the deployment's trained analyser once.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from coprod.analysis import Analyser
from coprod.services.statement_analysis import Analysed, analyse_statement

#: Below this many statements, starting the workers takes longer than the work.
WORTH_IT_FROM = 2000

#: A chunk of statements: (text, kind) each, analysed together.
Chunk = Sequence[tuple[str, str]]

_analyser: Analyser | None = None


def _start(analyser: Analyser) -> None:
    global _analyser
    _analyser = analyser


def _analyse(chunk: Chunk, framework: str) -> list[Analysed]:
    assert _analyser is not None
    return [analyse_statement(_analyser, text, kind, framework) for text, kind in chunk]


def _workers_can_start() -> bool:
    """A new worker process imports the program's main module again (guarded by ``if __name__
    == "__main__"`` in ``coprod``, gunicorn and pytest); a program read from standard input or
    given with ``python -c`` has none to import, so its import is analysed in its own process."""
    main = sys.modules["__main__"]
    return (
        getattr(main, "__spec__", None) is not None or Path(getattr(main, "__file__", "")).is_file()
    )


@contextmanager
def analysis_ahead(
    analyser: Analyser, framework: str, chunks: Sequence[Chunk], processes: int
) -> Iterator[Callable[[int], list[Analysed]]]:
    """Start analysing every chunk now; yield a function that waits for one chunk's analysis.

    With no worker processes, or too little work to be worth it, the chunk is analysed here,
    when it is asked for."""
    worth_it = sum(len(chunk) for chunk in chunks) >= WORTH_IT_FROM
    if processes < 1 or not worth_it or not _workers_can_start():

        def here(index: int) -> list[Analysed]:
            return [analyse_statement(analyser, t, k, framework) for t, k in chunks[index]]

        yield here
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["coprod.analysis", "coprod.services.statement_analysis"])
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=_start, initargs=(analyser,)
    ) as pool:
        futures: list[Future[list[Analysed]]] = [
            pool.submit(_analyse, chunk, framework) for chunk in chunks
        ]
        try:
            yield lambda index: futures[index].result()
        finally:
            for future in futures:
                future.cancel()

"""Long work in the background (board packs, imports), with its progress shown on a page and on
the command line.

    @job("board_pack", title=_l("Board pack"))
    def build_board_pack(progress: Progress, *, period: str, framework: str) -> JobResult:
        progress.total(12)
        progress.advance(1, _("Drawing the charts"))
        ...
    job_id = enqueue("board_pack", {"period": ..., "framework": ...}, user_id=user.id)

The job is stored in the database (``coprod.models.Job``) and run by this process's job threads,
or, with REDIS_URL set, by `coprod worker` on any host; its page is ``jobs.job``.
"""

from coprod.jobs.command_line import run_with_progress_bar
from coprod.jobs.dispatch import enqueue
from coprod.jobs.progress import Progress
from coprod.jobs.registry import Audit, JobError, JobResult, job

__all__ = ["Audit", "JobError", "JobResult", "Progress", "enqueue", "job", "run_with_progress_bar"]

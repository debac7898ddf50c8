"""Executors: run tasks (one PDF each) in isolated processes and hand each result back as it ends.

Both executors call `worker.run_task` in a process of its own per file, so the results are the same
whichever runs them; they differ only in where that process lives. The caller's loop stays
single-threaded: `run` calls `on_result` and `tick` (progress refresh) from the calling thread.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from packparse.backends import ENGINE_MODULES
from packparse.batch import worker
from packparse.errors import ExitCode, PackparseError
from packparse.options import ExtractOptions

Result = dict[str, Any]


@dataclass(frozen=True)
class Task:
    """One file to extract: where it is, where its JSON goes, its limits and its per-file options."""

    pdf: str
    output: str
    size: int
    timeout: float  # math.inf: no limit
    max_memory_mb: int | None
    options: ExtractOptions | None = None  # None: the defaults


class ExecutorUnavailable(PackparseError):
    """The executor cannot start here (Ray missing, or its cluster unreachable)."""

    exit_code = ExitCode.USAGE


OnResult = Callable[[Task, Result], None]
Tick = Callable[[], None]
TICK_SECONDS = 0.2


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    """forkserver with packparse preloaded: a fresh, cheap, single-threaded fork per file.

    Forking the batch process itself would copy the progress display's state and any threads; the
    fork server is a clean process. forkserver re-imports the caller's main script in each child,
    so when that script cannot be re-imported (`python -` reading stdin) we fall back to plain fork.
    """
    methods = multiprocessing.get_all_start_methods()
    main_path = getattr(sys.modules.get("__main__"), "__file__", None)
    reimportable = main_path is None or Path(main_path).is_file()
    if "forkserver" in methods and reimportable:
        ctx = multiprocessing.get_context("forkserver")
        # '__main__' too: each child would otherwise re-import the main script (pytest, the console script).
        ctx.set_forkserver_preload(["__main__", "packparse.batch.worker", "packparse.api", "packparse.writers",
                                    *ENGINE_MODULES])
        return ctx
    if "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass
class _Running:
    task: Task
    process: Any
    conn: Any
    started: float
    vm_peak_mb: float = 0.0


def _vm_peak_mb(pid: int | None) -> float | None:
    """A process's peak address space (what RLIMIT_AS caps), from /proc on Linux; None elsewhere."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _died_reason(r: _Running) -> str:
    """Near its memory limit, C code that does not check malloc can crash instead of raising
    MemoryError; a crash that close to the limit is reported as the limit."""
    limit = r.task.max_memory_mb
    if limit and r.process.exitcode and r.vm_peak_mb >= 0.9 * limit:
        return worker.MEMORY_REASON
    return worker.died_reason(r.process.exitcode)


class LocalExecutor:
    """A process per file on this machine, at most `jobs` at once; kills a file over its time limit."""

    name = "local"

    def __init__(self, jobs: int, target: Callable[..., None] = worker.process_main) -> None:
        self.jobs = max(1, jobs)
        self.target = target  # tests swap in a target that crashes

    def run(self, tasks: Sequence[Task], on_result: OnResult, tick: Tick | None = None) -> None:
        ctx = _context()
        queue = list(tasks)
        running: list[_Running] = []
        try:
            while queue or running:
                while queue and len(running) < self.jobs:
                    running.append(self._start(ctx, queue.pop(0)))
                now = time.monotonic()
                next_deadline = min(r.started + r.task.timeout for r in running)
                ready = wait([r.conn for r in running] + [r.process.sentinel for r in running],
                             timeout=max(0.0, min(TICK_SECONDS, next_deadline - now)))
                for r in list(running):
                    if r.task.max_memory_mb:
                        r.vm_peak_mb = max(r.vm_peak_mb, _vm_peak_mb(r.process.pid) or 0.0)
                    result = self._poll(r, ready)
                    if result is not None:
                        running.remove(r)
                        on_result(r.task, result)
                if tick is not None:
                    tick()
        finally:
            for r in running:  # interrupted (Ctrl-C, an error in on_result): leave no workers behind
                self._stop(r)

    def _start(self, ctx: multiprocessing.context.BaseContext, task: Task) -> _Running:
        recv, send = ctx.Pipe(duplex=False)
        process = ctx.Process(target=self.target, args=(send, task.pdf, task.output, task.max_memory_mb, task.options),
                              daemon=True, name=f"packparse-batch:{Path(task.pdf).name}")
        process.start()
        send.close()  # the child holds its end; EOF here then means the child is gone
        running = _Running(task=task, process=process, conn=recv, started=time.monotonic())
        if task.max_memory_mb:  # at once: a limit below what the child starts with kills it before the first tick
            running.vm_peak_mb = _vm_peak_mb(process.pid) or 0.0
        return running

    def _poll(self, r: _Running, ready: list[Any]) -> Result | None:
        """The task's result if it has ended (finished, died or over time), else None."""
        elapsed = time.monotonic() - r.started
        if r.conn in ready or r.process.sentinel in ready:
            result: Result | None = None
            try:
                if r.conn.poll():
                    result = r.conn.recv()
            except (EOFError, OSError):
                result = None
            if result is None and r.process.is_alive() and r.process.sentinel not in ready:
                return None
            r.process.join(timeout=5)
            if r.process.is_alive():
                r.process.kill()
                r.process.join()
            r.conn.close()
            if result is None:
                worker.cleanup_temp(Path(r.task.output))
                result = worker.failed_result(_died_reason(r), elapsed)
            return result
        if elapsed >= r.task.timeout:
            self._stop(r)
            worker.cleanup_temp(Path(r.task.output))
            return worker.failed_result(worker.time_reason(r.task.timeout), elapsed, exit_code=4)
        return None

    @staticmethod
    def _stop(r: _Running) -> None:
        if r.process.is_alive():
            r.process.kill()
        r.process.join()
        r.conn.close()


class RayExecutor:
    """The same tasks as Ray tasks: each starts `python -m packparse.batch.worker` for its file.

    Ray workers are long-lived and share an address space with Ray's own machinery, so the memory
    limit and a crash must live in a child process of the task, not in the Ray worker. `ray.init()`
    joins the cluster in RAY_ADDRESS when set, else starts a local instance. Inputs and OUTDIR must be
    at the same paths on every node (a shared filesystem); on a local instance they are.
    """

    name = "ray"

    def __init__(self, jobs: int | None) -> None:
        self.jobs = jobs

    def run(self, tasks: Sequence[Task], on_result: OnResult, tick: Tick | None = None) -> None:
        import ray

        started_here = not ray.is_initialized()
        if started_here:
            init: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                    "logging_level": "ERROR", "configure_logging": True}
            if not os.environ.get("RAY_ADDRESS"):  # a local instance: results are small dicts
                init["object_store_memory"] = 128 * 2**20
                if self.jobs:
                    init["num_cpus"] = self.jobs
            try:
                ray.init(**init)
            except Exception as exc:  # no cluster at RAY_ADDRESS, or a local instance that cannot start
                raise ExecutorUnavailable("--executor ray", worker.one_line(f"Ray did not start ({exc})")) from None
        try:
            jobs = self.jobs or max(1, int(ray.cluster_resources().get("CPU", 1)))
            remote = ray.remote(num_cpus=1, max_retries=0)(worker.run_in_subprocess)
            queue = list(tasks)
            running: dict[Any, tuple[Task, float]] = {}
            while queue or running:
                while queue and len(running) < jobs:
                    task = queue.pop(0)
                    ref = remote.remote(task.pdf, task.output, task.max_memory_mb, task.timeout, task.options)
                    running[ref] = (task, time.monotonic())
                done, _ = ray.wait(list(running), num_returns=1, timeout=TICK_SECONDS)
                for ref in done:
                    task, t0 = running.pop(ref)
                    try:
                        result = ray.get(ref)
                    except Exception as exc:  # the Ray task itself failed (node lost, worker killed)
                        result = worker.failed_result(f"ray task failed ({type(exc).__name__})",
                                                      time.monotonic() - t0)
                    on_result(task, result)
                # Backstop: the task enforces the time limit on its child; a task stuck past it (a node
                # that stopped answering) is cancelled here so the batch still ends.
                for ref, (task, t0) in list(running.items()):
                    if time.monotonic() - t0 > task.timeout + 60:
                        ray.cancel(ref, force=True)
                        running.pop(ref)
                        worker.cleanup_temp(Path(task.output))
                        on_result(task, worker.failed_result(worker.time_reason(task.timeout),
                                                             time.monotonic() - t0, exit_code=4))
                if tick is not None:
                    tick()
        finally:
            if started_here:
                ray.shutdown()

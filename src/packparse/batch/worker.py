"""One file, in its own process: extract, write the JSON atomically, report a small result dict.

Runs inside the process that holds the limits (the local executor's forked child, or the child a Ray
task starts), so a file that blows the memory limit, hangs or crashes takes only that process with it.
The result is plain data (no pydantic objects) so it crosses pipes and Ray cheaply.

`python -m packparse.batch.worker PDF OUTPUT MAX_MEMORY_MB` runs one file and prints the result as
one JSON line; the Ray executor uses it to get a fresh process per file inside a long-lived Ray worker.
The per-file options (`ExtractOptions` as JSON, password included) come on its stdin, never in argv.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import signal
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

OK = "ok"
OK_WITH_WARNINGS = "ok_with_warnings"
FAILED = "failed"
SKIPPED = "skipped_unchanged"
MEMORY_REASON = "over the memory limit"


def one_line(text: str, limit: int = 300) -> str:
    """A reason fit for one manifest field and one terminal line."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def time_reason(timeout: float) -> str:
    return f"over the time limit ({timeout:g} s)"


class _MemorySpy(logging.Handler):
    """Notices a MemoryError that packparse logged and carried on from (a page read as blank).

    The reader keeps going when one page fails, which is right for a broken page but would turn a file
    over the memory limit into an 'ok' file with missing pages; the exception is in the record's args.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.hit = False

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        if any(_is_memory_error(a) for a in args if isinstance(a, BaseException)):
            self.hit = True
        if record.exc_info and record.exc_info[1] is not None and _is_memory_error(record.exc_info[1]):
            self.hit = True
        with contextlib.suppress(Exception):
            if is_out_of_memory(record.getMessage()):
                self.hit = True


# How running out of address space shows when C code reports it: zlib ("Unable to allocate output
# buffer"), the loader ("failed to map segment from shared object"), errno ENOMEM, C++ allocators.
_OUT_OF_MEMORY = re.compile(r"MemoryError|cannot allocate memory|unable to allocate|failed to map segment|"
                            r"out of memory|bad_alloc", re.IGNORECASE)


def is_out_of_memory(text: str) -> bool:
    return bool(_OUT_OF_MEMORY.search(text))


def _is_memory_error(exc: BaseException | None) -> bool:
    """True for a MemoryError anywhere in the chain (pdfminer and pdfplumber wrap exceptions)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, MemoryError) or is_out_of_memory(str(exc)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@contextlib.contextmanager
def memory_limit(max_memory_mb: int | None) -> Iterator[None]:
    """Cap this process's address space (RLIMIT_AS) for the work inside: allocations past it raise
    MemoryError. The soft limit goes back up afterwards (up to the hard limit, which any process may
    do) so that reporting the result cannot itself run out of memory."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        yield
        return
    if not max_memory_mb:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = int(max_memory_mb) * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent dies, so `kill -9` of a batch leaves no orphans."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return


def die_with_batch() -> None:
    """End this worker when the batch that started it dies, even through a fork server.

    A forkserver child's parent is the fork server, which outlives a killed batch for as long as any
    worker runs, so PR_SET_PDEATHSIG alone would let an orphan finish its file. multiprocessing gives
    the child a pipe that reaches end-of-file when the batch process is gone (`parent_process().sentinel`);
    with O_ASYNC the kernel sends SIGIO on that, and SIGIO's default action ends the process at once,
    with no Python code (or thread, which would count against the memory limit) in between.
    """
    import multiprocessing
    import select

    parent = multiprocessing.parent_process()
    fd = getattr(parent, "sentinel", None)
    if fd is None:
        return
    try:
        import fcntl

        if signal.getsignal(signal.SIGIO) != signal.SIG_DFL:
            return
        fcntl.fcntl(fd, fcntl.F_SETOWN, os.getpid())
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_ASYNC)
        if select.select([fd], [], [], 0)[0]:  # the batch died before we got here
            os._exit(1)
    except (ImportError, OSError, ValueError, AttributeError):
        return


def peak_rss_mb() -> float | None:
    """This process's peak resident memory in MB: Linux's VmHWM, the high-water mark of this program's own
    memory. Not `ru_maxrss` there: for a process started by fork and exec (a spawned worker, `make bench`'s
    fresh processes) it also counts the parent's memory at the fork (the bench's 4,928-page ladder row read
    113 MB, its own peak 90, because the bench process had just built the 46 MB file). Elsewhere
    `ru_maxrss` (KB on Linux, bytes on macOS)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 2**10, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (2**20 if sys.platform == "darwin" else 2**10), 1)


def cpu_seconds() -> float | None:
    """CPU time this process used (user + system): unlike wall time, other load on the machine
    does not inflate it."""
    try:
        import resource
    except ImportError:
        return None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return round(usage.ru_utime + usage.ru_stime, 3)


def _quiet_process() -> _MemorySpy:
    """No log lines or Python warnings from a worker: they would break the progress display."""
    warnings.simplefilter("ignore")
    spy = _MemorySpy()
    root = logging.getLogger()
    root.handlers = [spy]
    root.setLevel(logging.WARNING)
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    return spy


def run_task(pdf: str, output: str, max_memory_mb: int | None, options: Any = None) -> dict[str, Any]:
    """Extract `pdf` to `output` with `options` (`ExtractOptions`, None for the defaults); never raises,
    so one bad file cannot stop the batch."""
    started = time.perf_counter()
    cpu_started = cpu_seconds()
    spy = _quiet_process()
    result: dict[str, Any] = {"status": FAILED, "reason": None, "pages": None, "warnings": None,
                              "exit_code": None, "seconds": None, "peak_rss_mb": None}
    from packparse.api import extract_for_output
    from packparse.errors import PackparseError
    from packparse.writers import write_pack

    try:
        with memory_limit(max_memory_mb):
            try:
                pack = extract_for_output(pdf, options=options)
                if spy.hit:
                    raise MemoryError
                write_pack(pack, output, [pdf])
                result.update(status=OK_WITH_WARNINGS if pack.warnings else OK, pages=pack.source.pdf_pages,
                              warnings=len(pack.warnings), exit_code=0)
                del pack
            except PackparseError as exc:
                if spy.hit or _is_memory_error(exc) or is_out_of_memory(exc.reason):
                    raise MemoryError from exc
                result.update(reason=one_line(exc.reason), exit_code=int(exc.exit_code))
    except MemoryError:
        result.update(status=FAILED, reason=MEMORY_REASON, exit_code=4)
    except Exception as exc:  # a bug in packparse: keep the one-line reason, go on with the next file
        if spy.hit or _is_memory_error(exc):
            result.update(status=FAILED, reason=MEMORY_REASON, exit_code=4)
        else:
            result.update(status=FAILED, reason=one_line(f"internal error ({type(exc).__name__}: {exc})"),
                          exit_code=70)
    if result["status"] == FAILED:
        cleanup_temp(Path(output))
    result["seconds"] = round(time.perf_counter() - started, 3)
    cpu_now = cpu_seconds()
    result["cpu_seconds"] = round(cpu_now - cpu_started, 3) if cpu_now is not None and cpu_started is not None \
        else None
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def process_main(conn: Any, pdf: str, output: str, max_memory_mb: int | None, options: Any = None) -> None:
    """Entry point of a local worker process: run one file and send the result up the pipe."""
    die_with_parent()
    die_with_batch()
    result = run_task(pdf, output, max_memory_mb, options)
    try:
        conn.send(result)
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    """`python -m packparse.batch.worker PDF OUTPUT MAX_MEMORY_MB`: one JSON line on stdout."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print("usage: python -m packparse.batch.worker PDF OUTPUT MAX_MEMORY_MB", file=sys.stderr)
        return 2
    die_with_parent()
    out = sys.stdout
    memory = int(args[2]) or None
    options = None
    if not sys.stdin.isatty():
        text = sys.stdin.read().strip()
        if text:
            from packparse.options import ExtractOptions

            options = ExtractOptions.model_validate_json(text)
    result = run_task(args[0], args[1], memory, options)
    out.write(json.dumps(result) + "\n")
    out.flush()
    return 0


def run_in_subprocess(pdf: str, output: str, max_memory_mb: int | None, timeout: float,
                      options: Any = None) -> dict[str, Any]:
    """Run one file in a fresh `python -m packparse.batch.worker` with the time limit; never raises.

    For executors whose own workers are long-lived (Ray): the limits and a crash stay with the child.
    """
    import subprocess

    started = time.perf_counter()
    cmd = [sys.executable, "-m", "packparse.batch.worker", pdf, output, str(max_memory_mb or 0)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False,
                              input=options.model_dump_json() if options is not None else "",
                              timeout=None if timeout == float("inf") else timeout)
    except subprocess.TimeoutExpired:
        cleanup_temp(Path(output))
        return failed_result(time_reason(timeout), time.perf_counter() - started, exit_code=4)
    lines = done.stdout.strip().splitlines()
    if done.returncode == 0 and lines:
        try:
            return json.loads(lines[-1])
        except json.JSONDecodeError:
            pass
    cleanup_temp(Path(output))
    return failed_result(died_reason(done.returncode), time.perf_counter() - started, exit_code=70)


def died_reason(returncode: int | None) -> str:
    """A worker that ended without a result: name the signal, it usually says why (SIGSEGV, SIGKILL)."""
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"worker process died ({name})"
    return f"worker process died (exit code {returncode})"


def failed_result(reason: str, seconds: float, exit_code: int = 70) -> dict[str, Any]:
    return {"status": FAILED, "reason": reason, "pages": None, "warnings": None, "exit_code": exit_code,
            "seconds": round(seconds, 3), "cpu_seconds": None, "peak_rss_mb": None}


def cleanup_temp(output: Path) -> None:
    """Remove the temporary files a killed worker may have left beside `output` (writers' naming)."""
    with contextlib.suppress(OSError):
        for tmp in output.parent.glob(f".{output.name}.*.tmp"):
            tmp.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())

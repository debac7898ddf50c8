"""Per-file limits: run one parse in a child process with a memory cap and a time limit.

A hostile or broken PDF can make pdfminer loop for hours or allocate without bound; neither can be
stopped from inside the process reliably. A forked child with `RLIMIT_AS` and a kill on timeout can,
and the parent turns whatever happened into a `PackparseError` with a reason a person can act on.
`extract` and the batch command both use `run_limited`.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import sys
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from packparse.errors import ExitCode, InputTooLarge, PackparseError
from packparse.options import DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT_S  # noqa: F401 (re-exported)

T = TypeVar("T")



class WorkerCrashed(PackparseError):
    """The child died without an answer (a signal such as SIGSEGV): a bug, or a library's C code."""

    exit_code = ExitCode.INTERNAL


class WorkerError(RuntimeError):
    """The child raised an exception that could not be sent back as itself; its traceback is kept."""


def supported() -> bool:
    """True where a forked, memory-capped child is possible (Linux and other POSIX systems)."""
    try:
        import resource  # noqa: F401
    except ImportError:
        return False
    return hasattr(os, "fork")


def run_limited(fn: Callable[..., T], args: Sequence[Any] = (), timeout_s: float | None = DEFAULT_TIMEOUT_S,
                max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB, *, kwargs: Mapping[str, Any] | None = None,
                name: str | None = None) -> T:
    """Call `fn(*args, **kwargs)` in a forked child under the limits and return its (pickled) result.

    Raises `InputTooLarge` when the child runs past `timeout_s` seconds or over `max_memory_mb` MB of
    address space, re-raises a `PackparseError` (or any picklable exception) raised in the child, and
    raises `WorkerCrashed` when the child dies of a signal. `name` (default: the first argument) is
    the file named in those errors. Without fork (Windows) or with both limits off, `fn` runs here.
    """
    kwargs = dict(kwargs or {})
    label = name if name is not None else str(args[0]) if args else getattr(fn, "__name__", "task")
    if not supported() or (not timeout_s and not max_memory_mb):
        return fn(*args, **kwargs)
    for stream in (sys.stdout, sys.stderr):  # a forked child must not flush the parent's buffers again
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(fn, args, kwargs, timeout_s, max_memory_mb, write_fd)
    os.close(write_fd)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also done in the child; whichever runs first wins the race
    try:
        payload, timed_out = _collect(read_fd, timeout_s)
    except BaseException:  # Ctrl-C in the parent: take the child (and its helpers) down too
        _kill(pid)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_fd)
    if timed_out:
        _kill(pid)  # while the child is unreaped its group id cannot be reused
    _, status = os.waitpid(pid, 0)
    if timed_out:
        raise InputTooLarge(label, f"over the time limit ({timeout_s:g} s; raise it with --timeout)")
    if not payload:
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig == signal.SIGXCPU and timeout_s:  # its CPU-time backstop
                raise InputTooLarge(label, f"over the time limit ({timeout_s:g} s; raise it with --timeout)")
            if sig == signal.SIGKILL and max_memory_mb:  # the kernel's OOM killer, most likely
                raise InputTooLarge(label, f"over the memory limit ({max_memory_mb} MB; raise it with --max-memory)")
            raise WorkerCrashed(label, f"worker process died ({signal.Signals(sig).name}); "
                                       f"please report it with the file")
        raise WorkerCrashed(label, f"worker process exited with status {os.WEXITSTATUS(status)} and no result")
    return _unpack(pickle.loads(payload), label, max_memory_mb)


def _child(fn: Callable[..., Any], args: Sequence[Any], kwargs: dict[str, Any], timeout_s: float | None,
           max_memory_mb: int | None, write_fd: int) -> None:
    """Run in the forked child: cap memory, call, send one pickled answer down the pipe, `_exit`."""
    code = 0
    try:
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)  # own process group: a kill reaches helpers it starts (gs, tesseract)
        faulthandler.disable()  # a crash is reported by the parent in one line, not as a C-level dump
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent(timeout_s)
        if max_memory_mb:
            _cap_memory(max_memory_mb)
        try:
            answer: tuple[Any, ...] = ("ok", fn(*args, **kwargs))
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory",))
        except PackparseError as exc:
            data = pickle.dumps(("error", type(exc), exc.path, exc.reason))
        except BaseException as exc:  # sent back whole so the parent raises what the child raised
            data = _pickle_exception(exc)
        _write_all(write_fd, data)
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _die_with_parent(timeout_s: float | None) -> None:
    """Backstops for a parent killed before it could enforce the time limit: the kernel kills the
    child when the parent dies (Linux), and past its CPU-time allowance."""
    import resource

    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if timeout_s:
        soft = int(timeout_s) + 10
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))


def _cap_memory(max_memory_mb: int) -> None:
    import resource

    limit = int(max_memory_mb) * 2**20
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _pickle_exception(exc: BaseException) -> bytes:
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        data = pickle.dumps(("raise", exc, tb), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)  # some exceptions pickle but cannot be rebuilt
        return data
    except Exception:
        return pickle.dumps(("raise", None, tb, f"{type(exc).__name__}: {exc}"))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.close(fd)


def _collect(fd: int, timeout_s: float | None) -> tuple[bytes, bool]:
    """Read the child's answer until end of file; (answer, True) when the time ran out first."""
    deadline = time.monotonic() + timeout_s if timeout_s else None
    chunks: list[bytes] = []
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            return b"", True
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)


def _kill(pid: int) -> None:
    """SIGKILL the child's process group (helpers included), or the child alone if it has none yet."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError):
            continue


def _unpack(answer: tuple[Any, ...], label: str, max_memory_mb: int | None) -> Any:
    kind = answer[0]
    if kind == "ok":
        return answer[1]
    if kind == "memory":
        if not max_memory_mb:
            raise MemoryError(f"{label}: out of memory")
        raise InputTooLarge(label, f"over the memory limit ({max_memory_mb} MB; raise it with --max-memory)")
    if kind == "error":
        _, cls, path, reason = answer
        raise cls(path, reason)
    exc, tb = answer[1], answer[2]
    if exc is None:
        exc = WorkerError(answer[3])
    if hasattr(exc, "add_note"):
        exc.add_note(f"in the worker process:\n{tb}")
    raise exc

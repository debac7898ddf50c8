"""Special files for the tests of inputs and outputs: FIFOs, sockets, and (as root) device nodes."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not ROOT, reason="mknod and chown need root (CI runs as root)")


@contextmanager
def fifo(path: Path) -> Iterator[dict[str, bool]]:
    """A FIFO at `path`, with a writer thread that notes when something opens it for reading (then gives
    it end-of-file at once, so a regression fails the test instead of blocking it)."""
    os.mkfifo(path)
    seen = {"opened": False}
    done = threading.Event()

    def writer() -> None:
        fd = os.open(path, os.O_WRONLY)  # blocks until a reader opens the FIFO
        if not done.is_set():
            seen["opened"] = True
        os.close(fd)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        done.set()
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # release the writer
        thread.join(timeout=5)
        os.close(fd)


@contextmanager
def unix_socket(path: Path) -> Iterator[None]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    try:
        yield
    finally:
        sock.close()

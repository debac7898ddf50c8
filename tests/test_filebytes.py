"""The input's bytes are read a chunk at a time and scanned through a memory map that lets go behind the scan:
the same hash, head and tail as reading the whole file, and the same bytes wherever the scan looks."""

from __future__ import annotations

import hashlib
import mmap

import pytest

from packparse import filebytes
from packparse.filebytes import Releaser, hash_file, mapped


@pytest.mark.parametrize("size", [1, 1000, filebytes.TAIL + 1, filebytes.CHUNK, filebytes.CHUNK + 4097,
                                  3 * filebytes.CHUNK - 5])
def test_hash_head_and_tail_are_those_of_the_whole_file(tmp_path, size):
    data = bytes((i * 7 + i // 251) % 256 for i in range(size))
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    assert hash_file(path) == (hashlib.sha256(data).hexdigest(), size, data[:filebytes.HEAD], data[-filebytes.TAIL:])


def test_a_scan_reads_the_same_bytes_after_letting_go_behind_it(tmp_path, monkeypatch):
    monkeypatch.setattr(filebytes, "_LET_GO_EVERY", mmap.PAGESIZE)
    data = b"".join(b"%08d obj stream\n" % i for i in range(40_000))  # 680 KB
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    with mapped(path) as view:
        assert isinstance(view, mmap.mmap) and len(view) == len(data)
        behind = Releaser(view)
        for at in range(0, len(data), 50_000):
            behind.let_go_before(at)
            assert view[at:at + 17] == data[at:at + 17]
        assert behind._done > len(data) // 2  # it did let go (where madvise is missing it does nothing)
        assert view[:17] == data[:17] and view.rfind(b"obj", 0, 100) == data.rfind(b"obj", 0, 100)  # read again
    assert view.closed


def test_plain_bytes_are_never_released():
    behind = Releaser(b"x" * 100)
    behind.let_go_before(10**9)
    assert behind._done == 0

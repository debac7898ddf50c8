"""One anonymous temporary file that records are appended to and read back from, for the stores that keep
what outgrows their memory budget (`pagestore`, `documentstore`).

Unbuffered, so a full disk fails the write that fills it, not a later flush; deleted when closed, and by the
OS even after a crash. A record that cannot be written (`try_append` gives None) stays in memory with its
store, and the file is not tried again: `notes` says so once, for the pack's warnings.
"""

from __future__ import annotations

import tempfile
from typing import IO


class SpillFile:
    """Records appended at the end of one temporary file (made at the first record) and read back by place."""

    def __init__(self, prefix: str, what: str, items: str) -> None:
        self.prefix = prefix
        self.what = what  # the store it serves, for its errors ("the page store")
        self.items = items  # what its records are, for its note ("pages")
        self.notes: list[str] = []  # why the store's records are held in memory after all
        self._file: IO[bytes] | None = None
        self._end = 0

    def try_append(self, data: bytes) -> int | None:
        """`append`, or None when the file cannot take `data` (said in `notes`), and from then on."""
        if self.notes:
            return None
        try:
            return self.append(data)
        except OSError as exc:
            self.notes.append(f"{self.items} could not be written to a temporary file ({exc.strerror or exc}); "
                              f"they are held in memory")
            return None

    def append(self, data: bytes) -> int:
        """Write `data` at the end; its offset. Raises OSError when it cannot be written."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix=self.prefix, buffering=0)  # noqa: SIM115 (lives as long as the store)
        offset = self._end
        self._file.seek(offset)  # seek and write, not os.pwrite: Windows has none
        view = memoryview(data)
        while view:
            written = self._file.write(view)
            if not written:
                raise OSError("the temporary file took no more bytes")
            view = view[written:]
        self._end += len(data)
        return offset

    def read(self, offset: int, length: int) -> bytes:
        if self._file is None:
            raise ValueError(f"{self.what} is closed")
        self._file.seek(offset)
        data = self._file.read(length)
        if len(data) != length:
            raise OSError(f"{self.what}'s temporary file is short ({len(data)} of {length} bytes)")
        return data

    @property
    def is_open(self) -> bool:
        return self._file is not None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

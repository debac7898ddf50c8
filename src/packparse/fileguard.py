"""What packparse will read and what it will write over: inputs only when regular, outputs never the input.

Inputs are `stat`ed before anything opens them: a FIFO would block the reader forever, a device could
be endless or change state when opened, so anything but a regular file is refused with its own reason
("not a regular file (a FIFO)") and never opened.

Outputs go only to a new path or an existing regular file, and never over
- the input itself, under any name: same file after resolving links, or the same inode (a hard link);
- any existing file that is a PDF (`%PDF` in its first 1 KB): a slip of the tab key must not cost a pack;
- a directory, FIFO, socket or device node (an atomic rename would swap the node away);
- a file with more than one hard link (replacing it would silently split it from its other names).
A symbolic link is written through: the checks apply to its target, and the target is replaced.
Each refusal is an `OutputRefused` (exit 2, a usage error: the user named the wrong path); a path that
is allowed but cannot be written is an `OutputError` (exit 5).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from packparse.errors import ExitCode, OutputError, PackparseError, UnreadableInput

PDF_MAGIC = b"%PDF"
MAGIC_WINDOW = 1024

FileId = tuple[int, int]  # (st_dev, st_ino)


class OutputRefused(PackparseError):
    """An output path packparse will not write to (the input, a PDF, a device, a FIFO, ...): exit 2."""

    exit_code = ExitCode.USAGE


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file" if not stat.S_ISREG(mode) else "a regular file"


def check_input(path: str | os.PathLike[str]) -> os.stat_result:
    """`stat` an input (following links) without opening it; refuse anything but a regular file.

    Raises `UnreadableInput` (exit 3): "no such file", "no such file (a symbolic link to a missing
    file)", "is a directory, not a PDF", "not a regular file (a FIFO)" and so on.
    """
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnreadableInput(name, "no such file (a symbolic link to a missing file)") from None
        raise UnreadableInput(name, "no such file") from None
    except OSError as exc:  # ELOOP, EACCES on a folder on the way, a name too long
        raise UnreadableInput(name, f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableInput(name, "is a directory, not a PDF")
    if not stat.S_ISREG(st.st_mode):
        raise UnreadableInput(name, f"not a regular file ({kind_of(st.st_mode)})")
    return st


def open_regular(path: str | os.PathLike[str]) -> int:
    """Open an input for reading only if it is a regular file; returns a file descriptor.

    `check_input` first (so a device is never opened), then a non-blocking open and an `fstat` of what
    was opened, so a file swapped for a FIFO in between cannot block the caller either.
    """
    check_input(path)
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableInput(name, f"cannot read ({exc.strerror or exc})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise UnreadableInput(name, f"not a regular file ({kind_of(st.st_mode)})")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def file_id(path: str | os.PathLike[str]) -> FileId | None:
    """(device, inode) of what `path` names after links, or None when it cannot be stat'ed."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def input_ids(paths: Iterable[str | os.PathLike[str]]) -> set[FileId]:
    return {i for i in (file_id(p) for p in paths) if i is not None}


def _is_pdf(path: Path, shown: str) -> bool:
    try:
        with open(path, "rb", buffering=0) as fh:
            head = fh.read(MAGIC_WINDOW)
    except OSError as exc:
        raise OutputError(shown, f"cannot check it before writing over it ({exc.strerror or exc})") from None
    return PDF_MAGIC in head


def output_target(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = (), *,
                  input_files: set[FileId] | None = None, replace: bool = True) -> Path:
    """The file to write `path`'s content to (a symlink's target), once it is known to be safe.

    `inputs` (paths) and `input_files` ((dev, inode) pairs) are what this run reads: never written over.
    `replace` is False for files changed in place (an appended manifest, a database), where other hard
    links see the change as intended, so only the other checks apply. Raises `OutputRefused` (exit 2).
    """
    shown = str(path)
    target = Path(os.path.realpath(path))  # every link on the way resolved; a dangling link: its target
    via = f" (a symbolic link to {target})" if os.path.islink(path) else ""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target  # a new file
    except OSError as exc:
        raise OutputError(shown, f"cannot write output ({exc.strerror or exc})") from None
    ids = set(input_files or ())
    ids |= input_ids(inputs)
    if (st.st_dev, st.st_ino) in ids:
        raise OutputRefused(shown, f"refusing to write over the input file{via}")
    if stat.S_ISDIR(st.st_mode):
        raise OutputRefused(shown, f"refusing to write over a directory{via}")
    if not stat.S_ISREG(st.st_mode):
        raise OutputRefused(shown, f"refusing to write to {kind_of(st.st_mode)}{via}: outputs go only to "
                                   f"regular files or new paths")
    if _is_pdf(target, shown):
        raise OutputRefused(shown, f"refusing to write over a PDF{via}; choose another output name")
    if replace and st.st_nlink > 1:
        raise OutputRefused(shown, f"refusing to replace a file with {st.st_nlink} hard links{via} (its other "
                                   f"names would keep the old content); remove it or choose another name")
    return target


def check_output_dir(path: str | os.PathLike[str]) -> Path:
    """A folder to write into: an existing directory (through links) or a new path; refuse anything else."""
    shown = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return Path(path)
    except OSError as exc:
        raise OutputError(shown, f"cannot write output ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(st.st_mode):
        raise OutputRefused(shown, f"refusing to use {kind_of(st.st_mode)} as the output folder: "
                                   f"give a folder or a new path")
    return Path(path)

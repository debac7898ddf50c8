"""Writers: the pack as JSON, written atomically so a failed run never leaves half a file."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from packparse.errors import OutputError
from packparse.fileguard import output_target
from packparse.models import Pack


def ensure_parent(path: Path) -> None:
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None


def pack_json(pack: Pack, indent: int | None = 2) -> str:
    return pack.model_dump_json(indent=indent)


def pack_json_bytes(pack: Pack, indent: int | None = 2) -> bytes:
    """The same JSON as `pack_json`, as UTF-8 straight from pydantic's serializer: no `str` made and encoded
    again. For the 704-page test file (2.9 MB of JSON) writing it peaked 4.5 MB over the parse, against
    14 MB through a string, a copy with the newline and its encoding."""
    return pack.__pydantic_serializer__.to_json(pack, indent=indent)


def write_text_atomic(path: Path, text: str, inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write `text` to `path` through a temporary file in the same folder and a rename (see `write_bytes_atomic`)."""
    return write_bytes_atomic(path, text.encode("utf-8"), inputs)


def write_bytes_atomic(path: Path, data: bytes, inputs: Iterable[str | os.PathLike[str]] = (), *,
                       end: bytes = b"") -> Path:
    """Write `data` (then `end`) to `path` through a temporary file in the same folder and a rename; returns the
    file written.

    Only over a regular file or to a new path, never over one of `inputs`, a PDF or a hard-linked file
    (`fileguard.output_target`: exit 2); a symbolic link is written through to its target. An existing
    file keeps its permissions (and, as root, its owner); a new one gets 0666 less the umask.
    """
    path = Path(path)
    target = output_target(path, inputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.write(end)
            fh.flush()
            os.fsync(fh.fileno())
        _copy_mode(tmp, target)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None
    return target


def _copy_mode(tmp: str, target: Path) -> None:
    """Give the temporary file the mode (and, as root, the owner) of the file it replaces."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.chown(tmp, st.st_uid, st.st_gid)  # before chmod: chown clears set-id bits
    os.chmod(tmp, stat.S_IMODE(st.st_mode))


def write_pack(pack: Pack, out: str | Path, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Write the pack as JSON to a file, or to standard output when `out` is '-'."""
    data = pack_json_bytes(pack)
    if str(out) == "-":
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (a test's, an embedding application's)
            sys.stdout.write(data.decode("utf-8") + "\n")
        else:
            stream.write(data + b"\n")
            stream.flush()
        return
    write_bytes_atomic(Path(out), data, inputs, end=b"\n")


def write_output(text: str, out: str | Path, inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Write text to a file (atomically), or to standard output when `out` is '-'."""
    text = text if text.endswith("\n") else text + "\n"
    if str(out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_text_atomic(Path(out), text, inputs)


def schema_json() -> str:
    """The JSON Schema of the output, generated from the models."""
    schema = Pack.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://packparse.invalid/schemas/pack.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


SCHEMA_FILE = "pack.schema.json"

"""Writers: the pack as JSON, written atomically so a failed run never leaves half a file."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from packparse.documentstore import read_only
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
    """The same JSON as `pack_json`, as UTF-8 straight from pydantic's serializer (no `str` made and encoded
    again): the whole of it at once; `pack_json_chunks` gives the same bytes a document at a time."""
    return pack.__pydantic_serializer__.to_json(pack, indent=indent)


# The pack's own keys (nested keys are indented deeper); documents come before pages in `Pack`.
_DOCUMENTS_KEY = b'\n  "documents": []'
_PAGES_KEY = b'\n  "pages": []'


def pack_json_chunks(pack: Pack) -> Iterator[bytes]:
    """`pack_json_bytes(pack)` (indent 2) in pieces: the pack without its documents and pages, split where
    its empty lists are, with each document and each page serialized on its own in between, so that only one
    document's JSON is ever held. JSON strings hold no raw newline, so an item is indented into place line by
    line. For the 704-page ladder file (2.9 MB of JSON) writing it this way peaked 1.6 MB over the parse,
    against 4.5 MB for the whole at once; streaming the pages too took 3.8 MB off at 4,928 pages."""
    frame = pack.__pydantic_serializer__.to_json(pack.model_copy(update={"documents": [], "pages": []}), indent=2)
    documents_at = frame.index(_DOCUMENTS_KEY) + len(_DOCUMENTS_KEY) - 1  # at the "]"
    pages_at = frame.index(_PAGES_KEY, documents_at) + len(_PAGES_KEY) - 1
    yield frame[:documents_at]  # up to and with "["
    yield from _items(read_only(pack.documents))
    yield (b"\n  " if pack.documents else b"") + frame[documents_at:pages_at]  # "]" on its own line
    yield from _items(pack.pages)
    yield (b"\n  " if pack.pages else b"") + frame[pages_at:]


def _items(items: Iterable[BaseModel]) -> Iterator[bytes]:
    """The items of a list at the pack's top level as `to_json(indent=2)` writes them inside it: each on new
    lines indented by four, a comma before all but the first."""
    for i, item in enumerate(items):
        own = item.__pydantic_serializer__.to_json(item, indent=2)
        yield (b"\n    " if i == 0 else b",\n    ") + own.replace(b"\n", b"\n    ")


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
    return write_chunks_atomic(path, (data,), inputs, end=end)


def write_chunks_atomic(path: Path, chunks: Iterable[bytes], inputs: Iterable[str | os.PathLike[str]] = (), *,
                        end: bytes = b"") -> Path:
    """Like `write_bytes_atomic`, the data as it comes from `chunks`: whatever stops them (an error while
    they are made, a full disk) leaves no file behind, and the old file, if any, as it was."""
    path = Path(path)
    target = output_target(path, inputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.write(end)
            fh.flush()
            os.fsync(fh.fileno())
        _copy_mode(tmp, target)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
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
    """Write the pack as JSON to a file, a document at a time (`pack_json_chunks`) into a temporary file
    renamed at the end, or to standard output when `out` is '-', whole: a stream cannot be taken back, so
    nothing goes out before all of it is made."""
    if str(out) == "-":
        data = b"".join(pack_json_chunks(pack))  # the same bytes as `pack_json_bytes`, from a store too
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (a test's, an embedding application's)
            sys.stdout.write(data.decode("utf-8") + "\n")
            sys.stdout.flush()
        else:
            stream.write(data + b"\n")
            stream.flush()
        return
    write_chunks_atomic(Path(out), pack_json_chunks(pack), inputs, end=b"\n")


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

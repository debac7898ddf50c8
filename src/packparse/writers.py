"""Writers: the pack as JSON, written atomically so a failed run never leaves half a file."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from packparse.errors import OutputError
from packparse.models import Pack


def ensure_parent(path: Path) -> None:
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None


def pack_json(pack: Pack, indent: int | None = 2) -> str:
    return pack.model_dump_json(indent=indent)


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(str(path), f"cannot write output ({exc.strerror or exc})") from None


def write_pack(pack: Pack, out: str | Path) -> None:
    """Write the pack as JSON to a file, or to standard output when `out` is '-'."""
    text = pack_json(pack)
    if str(out) == "-":
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return
    write_text_atomic(Path(out), text + "\n")


def write_output(text: str, out: str | Path) -> None:
    """Write text to a file (atomically), or to standard output when `out` is '-'."""
    text = text if text.endswith("\n") else text + "\n"
    if str(out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_text_atomic(Path(out), text)


def schema_json() -> str:
    """The JSON Schema of the output, generated from the models."""
    schema = Pack.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://packparse.invalid/schemas/pack.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


SCHEMA_FILE = "pack.schema.json"

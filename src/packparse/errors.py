"""Errors a user can act on, each with the exit code the CLI documents."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    WARNINGS = 1  # only with --strict: the pack parsed but did not check out
    USAGE = 2
    UNREADABLE = 3  # not a PDF, empty, truncated, corrupt, password-protected
    TOO_LARGE = 4  # over a size, page or time limit
    OUTPUT = 5  # the output could not be written
    INTERNAL = 70  # a bug in packparse: please report it


class PackparseError(Exception):
    """An input or output problem, reported as one line naming the file and the reason."""

    exit_code: ExitCode = ExitCode.UNREADABLE

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnreadableInput(PackparseError):
    exit_code = ExitCode.UNREADABLE


class EncryptedInput(UnreadableInput):
    """Password-protected: needs the user password to read."""


class InputTooLarge(PackparseError):
    exit_code = ExitCode.TOO_LARGE


class OutputError(PackparseError):
    exit_code = ExitCode.OUTPUT

"""Shared pytest configuration."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "corpus: runs packparse over the whole shared corpus (slow); deselect with -m 'not corpus'"
    )

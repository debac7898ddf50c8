"""Accuracy harness: score packparse's output against the gold corpus (`shared/corpus/gold`).

`python -m packparse.evaluation --help` for the command line; `evaluate()` for tests and scripts.
"""

from packparse.evaluation.runner import evaluate
from packparse.evaluation.scoring import FIELDS, FieldScore, metrics, normalise_name, pool, score, tokens

__all__ = ["FIELDS", "FieldScore", "evaluate", "metrics", "normalise_name", "pool", "score", "tokens"]

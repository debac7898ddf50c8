"""`python -m packparse` runs the CLI."""

from packparse.cli import app

app(prog_name="packparse")

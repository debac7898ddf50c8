"""packparse: council agenda packs (PDF) into validated, structured JSON.

    >>> import packparse
    >>> pack = packparse.extract("pack.pdf")
    >>> [item.title for item in pack.agenda.items]
"""

# Bumped whenever extraction output can change: batch resume redoes files done by another version.
__version__ = "0.3.0"

from packparse.api import extract
from packparse.models import Pack

__all__ = ["Pack", "__version__", "extract"]

"""The structure stage: a document's lines read as blocks with roles (headings with levels, numbered items,
paragraphs, labels, list items, item references, signatures), from typography and a numbering grammar."""

from packparse.structure.blocks import Block, Structure, build_structure, plausible_number
from packparse.structure.numbering import NumberToken, follows, read_number, read_reference
from packparse.structure.typography import BodyStyle, emphasis

__all__ = [
    "Block",
    "BodyStyle",
    "NumberToken",
    "Structure",
    "build_structure",
    "emphasis",
    "follows",
    "plausible_number",
    "read_number",
    "read_reference",
]

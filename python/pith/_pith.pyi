"""Type stubs of pith's native module (re-exported by ``pith``)."""

from os import PathLike
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

_Path = Union[str, "PathLike[str]"]
_Record = Mapping[str, object]
_Line = Tuple[str, int, str]

__version__: str

class Result:
    """A document cleaned."""

    @property
    def text(self) -> str:
        """The clean body: one paragraph a line, each ending with a newline ("" when nothing is left)."""
    @property
    def title(self) -> Optional[str]:
        """The headline, when one was found (never part of ``text``)."""
    @property
    def language(self) -> Optional[str]:
        """The document's language (ISO 639-1), when identified."""
    @property
    def dropped(self) -> Dict[str, int]:
        """How many blocks each rule dropped: ``{rule name: count}``."""
    @property
    def kept(self) -> int:
        """How many blocks were kept."""
    def explain(self) -> str:
        """Every block with its verdict and rule, as ``pith clean --explain`` prints it."""

class Stats:
    """Line statistics per source; the file format of ``pith stats``, byte for byte."""

    def __init__(self) -> None:
        """Empty counts."""
    @staticmethod
    def count(
        records: Iterable[_Record],
        source_field: Optional[str] = "source",
        threads: Optional[int] = None,
    ) -> "Stats":
        """Counts records (``html`` or ``text``, ``url``, the source field) as ``pith stats`` does.

        Raises ValueError for a bad record.
        """
    @staticmethod
    def count_jsonl(
        lines: Iterable[_Line],
        source_field: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> "Stats":
        """Counts JSONL lines ``(name, line, text)`` exactly as ``pith stats`` counts a file ``name``."""
    def merge(self, other: "Stats") -> "Stats":
        """Adds ``other``'s counts to these and returns self (any order, the same bytes)."""
    def to_bytes(self) -> bytes:
        """The stats file's bytes."""
    @staticmethod
    def from_bytes(data: bytes) -> "Stats":
        """Reads a stats file's bytes; ValueError when they are not one."""
    def save(self, path: _Path) -> None:
        """Writes the stats file (whole or not at all)."""
    @staticmethod
    def load(path: _Path) -> "Stats":
        """Reads a stats file; OSError when unreadable, ValueError when no stats file."""
    @property
    def documents(self) -> int: ...
    @property
    def failed(self) -> int: ...
    @property
    def entries(self) -> int: ...

class Cleaner:
    """Cleans documents with the built-in rules, your rules files and optional corpus counts."""

    def __init__(
        self,
        rules: Optional[Sequence[_Path]] = None,
        stats: Union[Stats, _Path, None] = None,
        min_docs: int = 3,
        source_field: Optional[str] = "source",
    ) -> None: ...
    def clean(
        self,
        html: Union[str, bytes, None] = None,
        text: Optional[str] = None,
        url: Optional[str] = None,
        source: Optional[str] = None,
    ) -> Result:
        """Cleans one document (``html``, str or bytes, wins over ``text``); ValueError on bad input."""
    def clean_many(self, records: Iterable[_Record], threads: Optional[int] = None) -> List[Result]:
        """Cleans records in parallel with the GIL released; results in order, the same for every thread count."""
    def clean_jsonl(self, lines: Iterable[_Line], threads: Optional[int] = None) -> List[str]:
        """Cleans JSONL lines ``(name, line, text)``; each output record as ``pith clean`` writes it."""
    @property
    def has_stats(self) -> bool: ...

def clean(
    html: Union[str, bytes, None] = None,
    text: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
) -> Result:
    """Cleans one document with the built-in rules; ValueError on bad input."""

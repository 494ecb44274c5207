"""Type stubs of pith's native module (re-exported by ``pith``)."""

from os import PathLike
from typing import Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union

_Path = Union[str, "PathLike[str]"]
_Record = Mapping[str, object]
_Line = Tuple[str, int, str]

__version__: str

class WarcPage(TypedDict):
    """A page of a WARC file, as ``read_warc`` gives it."""

    id: Optional[str]
    """``WARC-Record-ID``."""
    url: Optional[str]
    """``WARC-Target-URI``."""
    date: Optional[str]
    """``WARC-Date``."""
    http_status: Optional[int]
    """The HTTP status (None for a ``resource`` record)."""
    html: bytes
    """The payload, transfer and content codings undone."""
    charset: Optional[str]
    """The ``charset`` of the HTTP ``Content-Type``."""
    warning: Optional[str]
    """Set for a page marked ``WARC-Truncated`` (still cleaned)."""
    number: int
    """The page's 1-based number among the file's pages."""
    name: str
    """The file's name in messages."""
    offset: int
    """Where the record starts, in the stream ``offset_in`` names."""
    offset_in: Literal["file", "compressed", "uncompressed"]

class WarcError(TypedDict):
    """A WARC record that could not be read (``read_warc(..., errors="yield")``)."""

    id: Optional[str]
    error: str
    """What is wrong; ``pith clean`` writes ``"{name}: record at {offset} {id}: {error}"``."""
    name: str
    offset: int
    offset_in: Literal["file", "compressed", "uncompressed"]

class WarcRecords(Iterator[Union[WarcPage, WarcError]]):
    """The pages of a WARC file, read one record at a time (see ``read_warc``)."""

    def __iter__(self) -> "WarcRecords": ...
    def __next__(self) -> Union[WarcPage, WarcError]: ...
    @property
    def name(self) -> str:
        """The name messages give the file."""
    @property
    def skipped(self) -> Dict[str, int]:
        """Records read so far that gave no page, by reason (``request``, ``not HTML``, ``non-2xx``, ``too large``...)."""

def read_warc(
    source: Union[bytes, _Path],
    name: Optional[str] = None,
    *,
    max_record_bytes: int = 64 << 20,
    all_status: bool = False,
    errors: Literal["raise", "yield"] = "raise",
) -> WarcRecords:
    """The HTML pages of a WARC file (bytes, or a path read as a stream) with pith's own WARC reader.

    One dict a page, in file order, with what ``pith clean`` reads of it;
    ``Cleaner.clean_many`` and ``Cleaner.clean_warc`` clean them as ``pith clean``
    does. Other records are skipped and counted in ``skipped``. A record that
    cannot be read raises ValueError naming the file, its byte offset and id
    (``errors="raise"``) or comes as a ``WarcError`` dict (``errors="yield"``).
    OSError when the path cannot be opened.
    """

def looks_like_warc(head: bytes) -> bool:
    """Whether a file's first bytes as stored (gzipped or not) start like WARC, as ``pith clean`` tells."""

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
    @staticmethod
    def count_warc(
        records: Iterable[Union[WarcPage, WarcError]],
        threads: Optional[int] = None,
    ) -> "Stats":
        """Counts ``read_warc`` dicts exactly as ``pith stats`` counts those records (an error dict as failed)."""
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
        charset: Optional[str] = None,
    ) -> Result:
        """Cleans one document (``html``, str or bytes, wins over ``text``; ``charset``: the encoding declared for bytes); ValueError on bad input."""
    def clean_many(self, records: Iterable[_Record], threads: Optional[int] = None) -> List[Result]:
        """Cleans records (``html`` or ``text``, ``url``, ``source``, ``charset``) in parallel with the GIL released; results in order, the same for every thread count."""
    def clean_jsonl(self, lines: Iterable[_Line], threads: Optional[int] = None) -> List[str]:
        """Cleans JSONL lines ``(name, line, text)``; each output record as ``pith clean`` writes it."""
    def clean_warc(self, records: Iterable[Union[WarcPage, WarcError]], threads: Optional[int] = None) -> List[str]:
        """Cleans ``read_warc`` dicts; each output record (or error record) as ``pith clean`` writes it for that WARC record."""
    @property
    def has_stats(self) -> bool: ...

def clean(
    html: Union[str, bytes, None] = None,
    text: Optional[str] = None,
    url: Optional[str] = None,
    source: Optional[str] = None,
    charset: Optional[str] = None,
) -> Result:
    """Cleans one document with the built-in rules; ValueError on bad input."""

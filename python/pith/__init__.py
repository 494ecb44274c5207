"""pith: strip publisher chrome from scraped news and keep the clean article body.

    >>> import pith
    >>> r = pith.clean(text="Share this article\\nThe council voted on Tuesday to close the old library, ending a decade of debate.")
    >>> r.text
    'The council voted on Tuesday to close the old library, ending a decade of debate.\\n'
    >>> r.dropped
    {'share.bar': 1}

``pith.clean`` cleans one document with the built-in rules; a ``pith.Cleaner``
holds your rules files and corpus counts (``pith.Stats``, the format of
``pith stats``) and cleans many documents in parallel. ``pith.read_warc``
reads the HTML pages of a WARC file with the reader ``pith clean`` uses.
``python -m pith.spark`` runs the whole pipeline (count, merge, clean) on a
Spark cluster, over JSONL and WARC files.
"""

from ._pith import Cleaner, Result, Stats, WarcRecords, __version__, clean, looks_like_warc, read_warc

__all__ = ["Cleaner", "Result", "Stats", "WarcRecords", "clean", "looks_like_warc", "read_warc", "__version__"]

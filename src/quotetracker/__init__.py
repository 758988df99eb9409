"""quotetracker: who said what, about whom, when and where — from dated news.

    >>> import quotetracker
    >>> qt = quotetracker.open("sqlite:///news.db")
    >>> qt.ingest(["examples/"])
    >>> qt.statements(speaker="Peskow", since="2020")
"""

__version__ = "0.1.0"

__all__ = ["__version__", "open"]


def open(url: str | None = None, **kwargs):  # noqa: A001 - mirrors sqlite3.connect-style entry points
    """Open (and migrate) a quotetracker database; return the Python API object."""
    from .api_python import QuoteTracker

    return QuoteTracker(url, **kwargs)

"""HTTP API and web UI: one FastAPI app over the query service (``create_app``).

The app never talks to the database directly: reads go through
:class:`quotetracker.query.QueryService`, writes through the tracker's ``ingest``.
"""

from .app import create_app

__all__ = ["create_app"]

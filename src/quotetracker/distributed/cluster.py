"""Connecting to Dask: an existing scheduler, or a local cluster of worker processes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

__all__ = ["connect", "dashboard_link", "PreloadModels"]


class PreloadModels(WorkerPlugin):
    """Load the extractors for ``languages`` when a worker starts (and restarts),
    so the first task does not pay for it and the load is timed apart."""

    name = "quotetracker-preload-models"

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)

    def setup(self, worker) -> None:  # noqa: ARG002 - the Dask plugin signature
        from ..enrich import enrich  # noqa: F401  (imports date and topic data)
        from ..extract import get_extractor

        for lang in self.languages:
            get_extractor(lang)


@contextmanager
def connect(
    scheduler: str | None = None,
    workers: int | None = None,
    *,
    threads_per_worker: int = 1,
    preload: Sequence[str] = (),
    memory_limit: str | None = None,
) -> Iterator[Client]:
    """A Client for ``scheduler`` (``tcp://host:8786``), else for a LocalCluster
    of ``workers`` processes (default: one per core) with one thread each: the
    NLP is pure Python under the GIL, so processes, not threads, give parallelism."""
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        kwargs = {"memory_limit": memory_limit} if memory_limit else {}
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=threads_per_worker,
            processes=True,
            dashboard_address=":0",
            **kwargs,
        )
        client = Client(cluster)
    try:
        if preload:
            client.register_plugin(PreloadModels(preload))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dashboard_link(client: Client) -> str | None:
    """The dashboard URL, or None when the scheduler serves none (bokeh not installed)."""
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:
        return None
    return client.dashboard_link if "dashboard" in services else None

"""Run one task per partition and hand back the results in partition order,
with a bounded number of partitions submitted or buffered at any time, so the
client's memory does not grow with the input."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from distributed import Client, as_completed

__all__ = ["ordered_results"]


def ordered_results(
    client: Client,
    fn: Callable[..., Any],
    partitions: Iterable[Any],
    *,
    max_in_flight: int,
    retries: int = 2,
    **kwargs: Any,
) -> Iterator[Any]:
    """``fn(partition, **kwargs)`` on the workers, results yielded in order.

    At most ``max_in_flight`` partitions are running, queued or finished but
    not yet yielded. Results arrive as they complete (``as_completed``) and wait
    only for their predecessors. A worker that dies loses its tasks to the
    scheduler, which reruns them elsewhere (up to ``distributed.scheduler.allowed-failures``);
    ``retries`` reruns a task that raised.
    """
    if max_in_flight < 1:
        raise ValueError("max_in_flight must be at least 1")
    token = uuid.uuid4().hex[:8]
    pending = enumerate(partitions)
    running: dict[Any, int] = {}
    finished: dict[int, Any] = {}
    completed = as_completed()
    next_index = 0
    exhausted = False

    def submit_more() -> None:
        nonlocal exhausted
        while not exhausted and len(running) + len(finished) < max_in_flight:
            try:
                i, part = next(pending)
            except StopIteration:
                exhausted = True
                return
            future = client.submit(fn, part, key=f"quotetracker-{token}-{i:07d}", retries=retries, pure=False, **kwargs)
            running[future] = i
            completed.add(future)

    try:
        submit_more()
        while running or finished:
            if next_index in finished:
                result = finished.pop(next_index)
                next_index += 1
                submit_more()
                yield result
                continue
            future = next(completed)
            i = running.pop(future)
            finished[i] = future.result()  # a task that failed for good raises here
            future.release()
            submit_more()
    finally:  # stopped early (error, Ctrl-C): cancel what is still queued
        if running:
            client.cancel(list(running))

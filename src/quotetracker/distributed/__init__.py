"""Scale out on Dask: partitions read and extracted on workers, one writer.

- :func:`dask_ingest`: like :func:`quotetracker.ingest.ingest`, the database
  ends up identical to a single-process ingest of the same input;
- :func:`dask_extract` / :func:`dask_extract_parquet`: no database, extractions
  streamed back in order, or partitioned Parquet written by the workers;
- :func:`connect`: a Client for ``tcp://host:port`` or a LocalCluster.

Needs the ``dask`` extra (``pip install 'quotetracker[dask]'``). See docs/dask.md.
"""

from .cluster import PreloadModels, connect, dashboard_link
from .ingest import DaskRunInfo, dask_extract, dask_extract_parquet, dask_ingest
from .partitions import Partition, plan_partitions, read_partition
from .tasks import PartitionResult, process_partition

__all__ = [
    "connect",
    "dashboard_link",
    "PreloadModels",
    "dask_ingest",
    "dask_extract",
    "dask_extract_parquet",
    "DaskRunInfo",
    "Partition",
    "plan_partitions",
    "read_partition",
    "PartitionResult",
    "process_partition",
]

"""Scale-out: the pipeline over corpora of millions of articles on Dask or Spark (or locally),
results as partitioned Parquet datasets with a manifest (`wirelens run`, docs/scale.md).

- `plan`: inputs → partitions (small specs; workers read their own records);
- `job`: one partition → its Parquet files and marker (model cached per worker process);
- `engines`: local, Dask and Spark behind one interface;
- `run`: plan, engine, progress, resume, manifest;
- `datasets`: the output layout; `load`: an output into the store.
"""

from wirelens.scale.run import PlanMismatch, RunReport, run

__all__ = ["PlanMismatch", "RunReport", "run"]

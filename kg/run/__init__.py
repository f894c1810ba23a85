"""Running the per-document work of a build: in this process or on Dask workers, with a cache."""

"""The `claimgraph` command line: one module per group of commands over the library."""
from claimgraph.cli.main import app

__all__ = ["app"]

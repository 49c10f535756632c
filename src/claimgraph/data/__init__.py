"""Knowledge kept as data: one loader for every YAML and TSV file of the package."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import ConfigError


@cache
def load_yaml(package: str, name: str) -> Any:
    """Give the parsed content of a YAML data file shipped in `package`."""
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 (safe)
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"data file {package}/{name} cannot be read: {e}") from e

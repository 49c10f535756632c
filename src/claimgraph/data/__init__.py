"""Knowledge kept as data: one loader for every YAML and TSV file of the package."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping
from functools import cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import ConfigError

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataLoader(_BASE):  # type: ignore[valid-type,misc]
    """YAML as version 1.2 reads booleans: only true and false. Under YAML 1.1 the words "no",
    "off", "on" and "yes" in a word list would silently become booleans."""


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()}
DataLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))


@cache
def load_yaml(package: str, name: str) -> Any:
    """Give the parsed content of a YAML data file shipped in `package`."""
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        return yaml.load(text, Loader=DataLoader)
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"data file {package}/{name} cannot be read: {e}") from e


def check_keys(entry: object, where: str, allowed: Collection[str], required: Collection[str] = ()) -> None:
    """Refuse an entry of a data file that is not a mapping, lacks a required key or has a key
    nothing reads (a misspelt key would otherwise be dropped without a word)."""
    if not isinstance(entry, Mapping):
        raise ConfigError(f"{where}: expected a mapping, found {type(entry).__name__}")
    unknown = sorted(str(k) for k in entry if k not in allowed)
    if unknown:
        raise ConfigError(f"{where}: unknown keys {unknown}; known: {sorted(allowed)}")
    missing = sorted(k for k in required if k not in entry)
    if missing:
        raise ConfigError(f"{where}: missing keys {missing}")


@cache
def data_hash(*sources: str) -> str:
    """Give a short hash of the data files named by `sources` ("package" for every YAML and TSV file
    in it, "package:file" for one): it changes whenever that knowledge changes, so results made
    with other data can be told apart."""
    digest = hashlib.sha1()
    for source in sources:
        package, _, name = source.partition(":")
        files = [resources.files(package).joinpath(name)] if name else sorted(
            (i for i in resources.files(package).iterdir() if i.name.endswith((".yaml", ".tsv"))),
            key=lambda i: i.name)
        for item in files:
            digest.update(f"{package}/{item.name}\0".encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()[:12]

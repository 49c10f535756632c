"""Store locations: telling a database server's URL from an SQLite path, and showing a URL safely."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

URL_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def is_url(location: str | Path) -> bool:
    """Tell whether a store location names a database server rather than an SQLite file."""
    return str(location).startswith(URL_SCHEMES)


def without_password(url: str) -> str:
    """Give a URL as it may be shown: its password (in the user part or the query) left out."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = user.split(":", 1)[0] + "@" + host
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith("password="))
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))

"""Turning a file's bytes into text, or saying clearly why not."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from claimgraph.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """Tell whether bytes without a Unicode BOM look like a binary file rather than text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and control / len(head) > 0.05


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Give (text, encoding) for a file's bytes; raise InputError for binary or undecodable data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as e:
                raise InputError(where, f"starts with a {enc} byte-order mark but is not valid {enc}") from e
    if looks_binary(data):
        raise InputError(where, "binary file, not text (no Unicode text found)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = from_bytes(data[:200_000]).best()
    if guess is None or guess.encoding is None:
        raise InputError(where, "not valid UTF-8 and no other text encoding fits")
    try:
        return data.decode(guess.encoding), guess.encoding
    except (UnicodeDecodeError, LookupError) as e:
        raise InputError(where, f"not valid UTF-8, nor {guess.encoding}") from e

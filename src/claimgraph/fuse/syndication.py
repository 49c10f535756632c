"""Finding syndicated reports: the same text under two outlets is one origin, not two.

Each report gets a MinHash signature of its word shingles (datasketch); signatures are cut into
bands, and two reports sharing a band are compared. Only reports sharing a band are ever
compared, so the cost of adding a report does not grow with the store.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from claimgraph.resolve.names import normalise


def signature(text: str, *, shingle: int, permutations: int) -> bytes:
    """Give the MinHash signature of a text's word shingles, as bytes to store."""
    words = normalise(text).split()
    grams = {" ".join(words[i:i + shingle]) for i in range(max(1, len(words) - shingle + 1))}
    from datasketch import MinHash  # imported when first needed: it takes a while and few commands use it

    m = MinHash(num_perm=permutations, seed=7)
    m.update_batch([g.encode("utf-8") for g in grams])
    return m.hashvalues.astype(np.uint64).tobytes()


def band_keys(sig: bytes, *, bands: int) -> list[int]:
    """Give one key per band of a signature: reports sharing a key are candidates."""
    values = np.frombuffer(sig, dtype=np.uint64)
    rows = len(values) // bands
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(values[b * rows:(b + 1) * rows].tobytes(), digest_size=7).digest()
        keys.append(b << 56 | int.from_bytes(digest, "big"))
    return keys


def similarity(a: bytes, b: bytes) -> float:
    """Give the Jaccard similarity of two reports' shingles, as estimated by their signatures."""
    x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.mean(x == y)) if len(x) == len(y) and len(x) else 0.0


def first_match(sig: bytes, candidates: Sequence[tuple[str, bytes]], *, threshold: float) -> str | None:
    """Give the first candidate (in store order) similar enough to count as the same text."""
    for ident, other in candidates:
        if similarity(sig, other) >= threshold:
            return ident
    return None

"""Answers of the fused view kept between writes, encoded once: most requests cost a dict look-up.

An answer is kept as JSON bytes, or for a paged list as the JSON bytes of each item, so a page is
joined from its items without encoding anything again. Entries are dropped when the store's
generation (`fused_view.generation`) changes: it is read at most once every `recheck` seconds,
and an upload through this process drops them at once. A question asked by several requests at
the same time is answered once; the others wait for that answer.
"""
from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any, TypeVar, cast

Encoded = bytes | list[bytes]
E = TypeVar("E", bytes, list[bytes])


def encode(value: Any) -> bytes:
    """Give a value as compact UTF-8 JSON (the encoding Starlette's JSONResponse uses)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_plain).encode()


def _plain(value: Any) -> Any:
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _size(value: Encoded) -> int:
    return len(value) if isinstance(value, bytes) else sum(map(len, value)) + 64 * len(value)


class Answers:
    """A least-recently-used store of encoded answers, at most `budget` bytes, valid for one generation."""

    def __init__(self, generation: Callable[[], str], *, budget: int = 256 << 20, recheck: float = 1.0) -> None:
        self._generation = generation
        self.budget = budget
        self.recheck = recheck
        self._seen = generation()  # the store as the first answers will find it
        self._checked = time.monotonic()
        self._lock = threading.Lock()
        self._checking = threading.Lock()
        self._entries: OrderedDict[Hashable, Encoded] = OrderedDict()
        self._pending: dict[Hashable, Future[Encoded]] = {}
        self._bytes = 0
        self._epoch = 0  # bumped when entries are dropped: an answer begun before is not kept
        self.hits = self.misses = 0

    def get(self, key: Hashable, answer: Callable[[], E]) -> E:
        """Give the kept answer to `key`, or work it out with `answer()` and keep it."""
        self._check_generation()
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return cast(E, self._entries[key])
            waiting = self._pending.get(key)
            if waiting is None:
                mine = self._pending[key] = Future()
                epoch = self._epoch
                self.misses += 1
        if waiting is not None:
            return cast(E, waiting.result())
        try:
            value = answer()
        except BaseException as e:
            with self._lock:
                del self._pending[key]
            mine.set_exception(e)
            raise
        with self._lock:
            del self._pending[key]
            if epoch == self._epoch and _size(value) <= self.budget // 4:
                self._keep(key, value)
        mine.set_result(value)
        return value

    def clear(self) -> None:
        """Drop every answer (the store was written through this process); read the generation again."""
        with self._lock:
            self._drop()
            self._checked = float("-inf")

    def _keep(self, key: Hashable, value: Encoded) -> None:
        self._entries[key] = value
        self._bytes += _size(value)
        while self._bytes > self.budget:
            _, old = self._entries.popitem(last=False)
            self._bytes -= _size(old)

    def _drop(self) -> None:
        self._entries.clear()
        self._bytes = 0
        self._epoch += 1

    def _check_generation(self) -> None:
        if time.monotonic() - self._checked < self.recheck:
            return
        if not self._checking.acquire(blocking=False):
            return  # another request is reading it; this one answers from what is kept meanwhile
        try:
            current = self._generation()
            with self._lock:
                self._checked = time.monotonic()
                if current != self._seen:
                    self._seen = current
                    self._drop()
        finally:
            self._checking.release()

"""Token buckets per key in process memory: pure (no I/O), thread-safe, with an injectable clock.

Written here rather than taken from PyPI: `limits` (the well-kept choice) offers fixed/moving/sliding
windows but no token bucket, reads `time.time()` itself, and its memory storage keeps every key until
its window expires, with no bound on how many — a flood of distinct addresses would grow it freely.

A key (a client address, an api_key) holds one bucket per rate (e.g. per minute *and* per hour); a
request is admitted only when every bucket of its key holds a token, and then takes one from each.
At most `max_keys` keys are kept; the least recently seen goes first. An evicted key starts again
with full buckets, so eviction can only ever let a request through, never refuse one wrongly.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

EPSILON = 1e-9  # refills are sums of fractions: 0.9999999999 tokens after an exact wait is a token


@dataclass(frozen=True, slots=True)
class Rate:
    """A bucket of `capacity` tokens (the burst), refilled at `per_second`. Capacity 0: no limit."""

    capacity: float
    per_second: float

    @classmethod
    def per_minute(cls, count: float) -> Rate:
        return cls(count, count / 60)

    @classmethod
    def per_hour(cls, count: float) -> Rate:
        return cls(count, count / 3600)

    @property
    def active(self) -> bool:
        return self.capacity > 0 and self.per_second > 0


class TokenBuckets:
    def __init__(
        self,
        rates: Iterable[Rate],
        max_keys: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.rates = tuple(r for r in rates if r.active)
        if any(r.capacity < 1 for r in self.rates):
            raise ValueError("a bucket must hold at least one token")
        self._max_keys = max_keys
        self._clock = clock
        self._keys: OrderedDict[str, tuple[float, list[float]]] = OrderedDict()  # key → (when, levels)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take a token for `key` from each bucket: 0.0 when admitted; otherwise nothing is taken and
        the answer is the seconds until every bucket would hold a token again."""
        if not self.rates:
            return 0.0
        with self._lock:
            now = self._clock()
            held = self._keys.pop(key, None)
            if held is None:
                levels = [r.capacity for r in self.rates]
            else:
                elapsed = max(0.0, now - held[0])
                refilled = zip(self.rates, held[1], strict=True)
                levels = [min(r.capacity, t + elapsed * r.per_second) for r, t in refilled]
            wait = max(
                ((1 - t) / r.per_second for r, t in zip(self.rates, levels, strict=True) if t < 1 - EPSILON),
                default=0.0,
            )
            if wait == 0.0:
                levels = [max(0.0, t - 1) for t in levels]
            self._keys[key] = (now, levels)  # (re)inserted last: the most recently seen
            while len(self._keys) > self._max_keys:
                self._keys.popitem(last=False)
            return wait

    def __len__(self) -> int:
        return len(self._keys)

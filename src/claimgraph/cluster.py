"""Work spread over processes with Dask: a local cluster of single-threaded worker processes, or a
running cluster reached through its scheduler.

This module knows nothing of reports: it runs `task(batch)` for each batch on the cluster, keeps a
bounded number of batches in flight (so memory stays flat however long the input), and gives each
batch back, in input order, with what the task returned or the exception that stopped it. When a
worker dies Dask runs its batches again on the others; a batch whose workers kept dying comes back
with a KilledWorker (after `distributed.scheduler.allowed-failures` deaths, 3 by default).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from claimgraph.errors import ClaimgraphError

if TYPE_CHECKING:
    from distributed import Client, Future

K = TypeVar("K")
T = TypeVar("T")
R = TypeVar("R")

WORKER_WAIT = 60  # seconds a running cluster may take to show its first worker
IN_FLIGHT_PER_THREAD = 2  # batches queued per worker thread: one running, one ready to start
# Dask's sampling profiler feeds a dashboard nobody looks at here, and takes about 5% of extraction.
# (Given to each nanny, which sets it in every worker it starts, a restarted one included.)
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


@contextmanager
def connect(*, workers: int = 1, scheduler: str | None = None) -> Iterator[Client]:
    """Give a client of the running cluster whose scheduler is at `scheduler` (tcp://HOST:8786), or,
    when there is none, of a local cluster of `workers` processes started here and stopped on leaving."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        try:
            local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                                 config=WORKER_CONFIG)
        except (OSError, RuntimeError, TimeoutError) as e:  # e.g. a script without `if __name__ == "__main__":`
            raise ClaimgraphError(f"cannot start a local Dask cluster of {workers} worker(s) "
                                  f"({_first_line(e)}; Dask's log above says why)") from e
        with local, Client(local) as client:
            yield client
        return
    try:  # how long to try is Dask's setting: distributed.comm.timeouts.connect (30 s)
        client = Client(scheduler)
    except (OSError, TimeoutError, ValueError, TypeError) as e:
        raise ClaimgraphError(f"cannot reach the Dask scheduler at {scheduler} ({_first_line(e)})") from e
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError as e:
            raise ClaimgraphError(f"the Dask scheduler at {scheduler} has no worker ({WORKER_WAIT} s waited)") from e
        yield client


def on_every_worker(client: Client, task: Callable[[], R]) -> list[R]:
    """Give what `task` returns on each worker of the cluster (one run each, in the workers' own threads)."""
    futures = [client.submit(task, workers=[address], allow_other_workers=True, pure=False)
               for address in client.nthreads()]
    try:
        return list(client.gather(futures))
    except ClaimgraphError:
        raise
    except Exception as e:  # a worker without claimgraph, a worker that died while starting
        raise ClaimgraphError(f"a Dask worker could not start ({type(e).__name__}: {_first_line(e)})") from e


def map_batches(client: Client, task: Callable[[Sequence[T]], R], batches: Iterable[tuple[K, Sequence[T]]], *,
                window: int | None = None) -> Iterator[tuple[K, R | Exception | None]]:
    """Give (key, task(batch)) for each (key, batch), in input order, with the exception instead when
    the batch failed (its own error, or KilledWorker) and None for an empty batch (not sent).

    At most `window` batches are submitted and not yet given back (by default two per worker thread),
    so the input is read only as fast as the cluster gets through it.
    """
    window = window or IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    pending: deque[tuple[K, Future | None]] = deque()
    for key, batch in batches:
        pending.append((key, client.submit(task, batch, pure=False) if batch else None))
        while pending and (len(pending) >= window or _ready(pending[0][1])):
            yield _result(*pending.popleft())
    while pending:
        yield _result(*pending.popleft())


def _ready(future: Future | None) -> bool:
    return future is None or future.done()


def _result(key: K, future: Future | None) -> tuple[K, Any]:
    if future is None:
        return key, None
    try:
        return key, future.result()
    except Exception as e:  # the task's own error, KilledWorker, or a future cancelled with its scheduler
        return key, e
    finally:
        future.release()  # the worker may drop the result now


def reason(error: BaseException) -> str:
    """Give one line saying why a batch failed on the cluster."""
    from distributed import KilledWorker

    if isinstance(error, KilledWorker):
        tries = error.allowed_failures + 1
        return f"the Dask worker running it died ({tries} {'try' if tries == 1 else 'tries'}, " \
               f"the last on {error.last_worker.address})"
    return f"{type(error).__name__}: {_first_line(error)}"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__

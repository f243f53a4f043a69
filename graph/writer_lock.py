"""One writer per memory store file, enforced by an OS advisory lock (``flock``).

Why: the memory store is one file that its process loads, changes in memory and
writes back whole, so two processes writing it would each write back their own
copy and the later write would drop the other's articles without a word. The
writer holds ``flock`` on ``<store file>.lock`` for as long as its store is open;
a second process cannot take it and is told who holds it.

Why ``flock``: the kernel releases it when the holding process ends, however it
ends (``kill -9`` included), so a lock left behind never blocks anyone and there
is nothing to clean up by hand. The lock file's content names the holder (pid,
command, and for a server its URL), for messages and for going through that
server; whether the lock is held is only ever decided by ``flock`` itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

from pydantic import ValidationError

from .store import StoreError, StoreHolder, StoreLocked

__all__ = ["WriterLock", "lock_path", "this_process"]

# The holder writes its record just after taking the lock: how long a refused writer
# waits for that record before saying "another process".
_RECORD_WAIT_S = 1.0


def lock_path(store_path: Path) -> Path:
    """``graph.json`` is locked through ``graph.json.lock`` beside it."""
    return store_path.with_name(store_path.name + ".lock")


def this_process(command: str | None = None) -> StoreHolder:
    """This process as a holder; ``command`` defaults to the program's name."""
    if command is None:
        program = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
        command = program if program and program not in ("-c", "__main__.py") else "python"
    return StoreHolder(pid=os.getpid(), command=command)


class WriterLock:
    """The writer lock of one store file; ``acquire`` takes it or raises StoreLocked."""

    def __init__(self, store_path: Path) -> None:
        self.store_path = store_path
        self.path = lock_path(store_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, holder: StoreHolder) -> None:
        """Take the lock (at once or never: no waiting) and record ``holder`` in the file."""
        if self._fd is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Opened without truncating: until flock succeeds, the content is the holder's.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot open the lock file {self.path}: {exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLocked(str(self.store_path), self.holder()) from None
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"cannot lock {self.path}: {exc}") from exc
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, holder.model_dump_json().encode("utf-8"), 0)
        except OSError as exc:  # the lock is still ours: a refused writer says "another process"
            print(f"conflictgraph: cannot record the writer in {self.path}: {exc}", file=sys.stderr)
        self._fd = fd

    def holder(self) -> StoreHolder | None:
        """Who the lock file names (read by a writer that was refused the lock)."""
        deadline = time.monotonic() + _RECORD_WAIT_S
        while True:
            try:
                text = self.path.read_text(encoding="utf-8")
            except OSError:
                return None
            if text.strip():
                with contextlib.suppress(ValidationError):
                    return StoreHolder.model_validate_json(text)
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)

    def release(self) -> None:
        """Give the lock up (the kernel also does when the process ends)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # no stale record; the file stays, so no one locks a ghost
        with contextlib.suppress(OSError):
            os.close(fd)

    def __del__(self) -> None:
        self.release()

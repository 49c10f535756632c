"""A throw-away PostgreSQL cluster for the tests: started once a session, one database a test.

The server's own binaries (`initdb`, `pg_ctl`: on PATH or under /usr/lib/postgresql/*/bin) make a
cluster in a temporary folder that listens on a Unix socket there only, trusts local users and
skips fsync (nothing in it outlives the session). As root, the server runs as the `postgres` user,
since PostgreSQL refuses to run as root. When no server can be started, `Unavailable` says why.
"""
from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path

import psycopg

SETTINGS = ["-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=200"]


PREFIX = "claimgraph-pg-"


class Unavailable(Exception):
    """No PostgreSQL server could be started here; the message says why."""


@dataclass
class Cluster:
    folder: Path
    bin: Path
    run_as: list[str]
    admin: psycopg.Connection = field(init=False)
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str) -> str:
        return f"postgresql://postgres@/{database}?host={self.folder}"

    def create_database(self) -> str:
        """Give the URL of a new, empty database."""
        name = f"t{next(self._names)}"
        self.admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        if hasattr(self, "admin"):
            self.admin.close()
        _run(self, "pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Cluster:
    """Start a cluster in a new temporary folder; raise Unavailable saying why one cannot be had."""
    bin_dir = _binaries()
    run_as: list[str] = []
    _reap(bin_dir)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    (folder / "owner").write_text(str(os.getpid()))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder, ignore_errors=True)
            raise Unavailable("running as root, and there is no 'postgres' user to run the server as") from None
        os.chown(folder, user.pw_uid, user.pw_gid)
        run_as = _run_as(folder)
    cluster = Cluster(folder, bin_dir, run_as)
    data = str(folder / "data")
    done = _run(cluster, "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                "--no-sync")
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"initdb failed: {_gist(done.stderr)}")
    options = " ".join([*SETTINGS, "-k", str(folder)])
    done = _run(cluster, "pg_ctl", "-D", data, "-l", str(folder / "server.log"), "-w", "-t", "60", "-o", options,
                "start")
    if done.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise Unavailable(f"pg_ctl start failed: {_gist(log or done.stderr or done.stdout)}")
    try:
        cluster.admin = psycopg.connect(cluster.url("postgres"), autocommit=True)
    except psycopg.Error as e:
        cluster.stop()
        raise Unavailable(f"the server started but takes no connection: {_gist(str(e))}") from e
    return cluster


def _reap(bin_dir: Path) -> None:
    """Stop the clusters of test sessions that were killed before they could stop their own."""
    for owner in Path(tempfile.gettempdir()).glob(f"{PREFIX}*/owner"):
        try:
            os.kill(int(owner.read_text()), 0)
            continue  # its session is still running
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue
        folder = owner.parent
        stale = Cluster(folder, bin_dir, _run_as(folder))
        _run(stale, "pg_ctl", "-D", str(folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _run_as(folder: Path) -> list[str]:
    if os.geteuid() != 0 or folder.stat().st_uid == 0:
        return []
    return ["runuser", "-u", "postgres", "--"] if shutil.which("runuser") else ["sudo", "-u", "postgres"]


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: [int(n) for n in re.findall(r"\d+", p)])
    if versions:
        return Path(versions[-1]).parent
    raise Unavailable("PostgreSQL binaries not found (initdb, pg_ctl: not on PATH nor under /usr/lib/postgresql)")


def _run(cluster: Cluster, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cluster.run_as, str(cluster.bin / program), *args], capture_output=True, text=True,
                          timeout=120, check=False, cwd=cluster.folder)


def _gist(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return " / ".join(lines[-3:]) if lines else "no message"

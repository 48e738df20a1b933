"""A real, throwaway PostgreSQL server for the tests: initdb in a temp dir, started on a free port.

PostgreSQL refuses to run as root, and CI runs the tests as root, so as root the server runs as
the `postgres` system user (or `nobody`), switched to by `subprocess` itself; otherwise it runs as
the current user. It listens on 127.0.0.1 only, with trust authentication, and is tuned for
speed, not durability (fsync, synchronous_commit and full_page_writes off).

Fixtures:
  postgres_server          session: one server for the whole run, stopped at the end
  postgres_url             function: a fresh, empty database on it for each test
  private_postgres_server  function: a server of the test's own, to stop and start on purpose

Nothing outlives pytest: the fixtures stop the server, an atexit hook stops anything left, and a
small watchdog process stops it and removes its files if pytest itself is killed.

When the PostgreSQL binaries cannot be found the tests are skipped with the reason, unless
COMPOSURE_REQUIRE_POSTGRES=1, which turns that into a failure. COMPOSURE_PG_BINDIR names the
directory holding initdb, pg_ctl and postgres when they are somewhere unusual.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

SUPERUSER = "postgres"
DEFAULT_DATABASE = "composure_test"
_TOOLS = ("initdb", "pg_ctl", "postgres")
_FAST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries are not installed: a reason to skip, not a failure."""


def find_bindir() -> Path:
    """The directory with initdb, pg_ctl and postgres: $COMPOSURE_PG_BINDIR, PATH, then the
    Debian/Ubuntu layout (/usr/lib/postgresql/N/bin, newest first), then `pg_config --bindir`."""
    candidates: list[Path] = []
    if os.environ.get("COMPOSURE_PG_BINDIR"):
        candidates.append(Path(os.environ["COMPOSURE_PG_BINDIR"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda p: [int(x) for x in re.findall(r"\d+", p)] or [0], reverse=True)
    candidates += [Path(p) for p in versions]
    candidates += [Path(p) for p in ("/usr/pgsql/bin", "/usr/local/pgsql/bin", "/opt/homebrew/bin")]
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            if out.returncode == 0 and out.stdout.strip():
                candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass
    for bindir in candidates:
        if all(os.access(bindir / tool, os.X_OK) for tool in _TOOLS):
            return bindir
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH, in "
        "/usr/lib/postgresql/*/bin or via pg_config; install the PostgreSQL server "
        "(e.g. apt-get install postgresql) or set COMPOSURE_PG_BINDIR")


def _server_account() -> tuple[int, int] | None:
    """(uid, gid) to run the server as, or None to run it as ourselves (when not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        if entry.pw_uid != 0:
            return entry.pw_uid, entry.pw_gid
    raise RuntimeError("running as root and there is no `postgres` or `nobody` user to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_in_use(port: int) -> bool:
    """Whether something listens on the port (SO_REUSEADDR, as PostgreSQL does: the TIME_WAIT
    sockets its own clients leave behind do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


# Stops the server and removes its files once pytest is gone, however it went (even SIGKILL):
# it waits for EOF on a pipe whose only writer is the pytest process.
_WATCHDOG = r"""
import os, shutil, signal, subprocess, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
pg_ctl, data, base, uid, gid = sys.argv[1:6]
sys.stdin.buffer.read()
if os.path.exists(os.path.join(data, "postmaster.pid")):
    kw = {} if uid == "-" else {"user": int(uid), "group": int(gid), "extra_groups": []}
    subprocess.run([pg_ctl, "stop", "-D", data, "-m", "immediate", "-w", "-t", "20"], cwd=base,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
shutil.rmtree(base, ignore_errors=True)
"""


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory under /tmp.

    start() -> initdb + pg_ctl start; url; new_database(name) -> url; drop_database(name);
    stop_only(mode) / start_again() to take it down and bring it back on the same port and data
    dir (a fault test); restart(); stop() stops it for good and removes its files.
    `settings` are extra/overriding server settings (`-c name=value`); pass
    {"synchronous_commit": "on"} when commits must survive an immediate stop.
    """

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self.settings = {**_FAST_SETTINGS, **(settings or {})}
        self.bindir: Path | None = None
        self.base: Path | None = None
        self.port: int | None = None
        self.startup_seconds: float | None = None
        self._account = None
        self._watchdog: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._databases = 0

    # -- paths --------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "sock"

    @property
    def log_file(self) -> Path:
        return self.base / "server.log"

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the `composure_test` database."""
        return self.url_for(DEFAULT_DATABASE)

    @property
    def conninfo(self) -> str:
        """A libpq/psycopg connection string for the maintenance database `postgres`."""
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres connect_timeout=10"

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> PostgresServer:
        if self.base is not None:
            raise RuntimeError("already started")
        began = time.monotonic()
        self.bindir = find_bindir()
        self._account = _server_account()
        # Not tmp_path: its parents (e.g. /root/...) may not be traversable by the server's user.
        root = "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir()
        self.base = Path(tempfile.mkdtemp(prefix="composure-pg-", dir=root))
        _LIVE.add(self)
        try:
            os.chmod(self.base, 0o700)
            self.socket_dir.mkdir(mode=0o700)
            if self._account:
                for path in (self.base, self.socket_dir):
                    os.chown(path, *self._account)
            self._start_watchdog()
            self._run([self.bindir / "initdb", "-D", self.data_dir, "-U", SUPERUSER, "-A", "trust",
                       "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], timeout=120)
            (self.data_dir / "pg_hba.conf").write_text(
                "# composure tests: the superuser, without a password, from this machine only\n"
                "local all all trust\n"
                "host  all all 127.0.0.1/32 trust\n")
            for attempt in range(5):
                self.port = _free_port()
                try:
                    self._pg_ctl_start()
                    break
                except RuntimeError:
                    # Someone took the port between our probe and the bind: try another one.
                    if attempt == 4 or "already in use" not in self._log_tail():
                        raise
            self._sql(f'CREATE DATABASE "{DEFAULT_DATABASE}"')
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - began
        return self

    def stop_only(self, mode: str = "fast") -> None:
        """Stop the server, keeping the data dir and port, for start_again().

        "fast" disconnects clients and shuts down cleanly; "immediate" is like a crash (the
        server recovers on the next start; with synchronous_commit=off the last commits may be
        lost, so pass settings={"synchronous_commit": "on"} if that matters)."""
        if not self.is_running():
            return
        self._run([self.bindir / "pg_ctl", "stop", "-D", self.data_dir, "-m", mode, "-w", "-t", "30"], timeout=60)

    def start_again(self) -> None:
        """Start the stopped server on the same port and data dir."""
        if self.base is None:
            raise RuntimeError("never started; use start()")
        if self.is_running():
            return
        if _port_in_use(self.port):
            raise RuntimeError(f"cannot start PostgreSQL again: port {self.port} has been taken meanwhile")
        self._pg_ctl_start()

    def restart(self, mode: str = "fast") -> None:
        self.stop_only(mode)
        self.start_again()

    def stop(self) -> None:
        """Stop the server for good (immediate, then fast, then SIGKILL) and remove its files."""
        with self._lock:
            if self.base is None:
                return
            try:
                if self.bindir and self.is_running():
                    for mode in ("immediate", "fast"):
                        try:
                            self._run([self.bindir / "pg_ctl", "stop", "-D", self.data_dir, "-m", mode,
                                       "-w", "-t", "20"], timeout=40)
                            break
                        except (RuntimeError, subprocess.TimeoutExpired):
                            continue
                    pid = self._postmaster_pid()
                    if pid:
                        try:
                            os.kill(pid, signal.SIGKILL)
                        except OSError:
                            pass
            finally:
                shutil.rmtree(self.base, ignore_errors=True)
                self.base = None
                _LIVE.discard(self)
                if self._watchdog is not None:
                    self._watchdog.stdin.close()  # nothing left for it to do: it exits
                    try:
                        self._watchdog.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        self._watchdog.kill()
                    self._watchdog = None

    def is_running(self) -> bool:
        if self.base is None or not self.data_dir.exists():
            return False
        out = subprocess.run([str(self.bindir / "pg_ctl"), "status", "-D", str(self.data_dir)],
                             cwd=self.base, stdin=subprocess.DEVNULL, capture_output=True,
                             **self._as_server_user())
        return out.returncode == 0

    # -- databases ----------------------------------------------------------------------------
    def new_database(self, name: str = "test") -> str:
        """Create a fresh, empty database (named after `name`, made unique) and return its URL."""
        with self._lock:
            self._databases += 1
            number = self._databases
        slug = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")[:50] or "test"
        database = f"{slug}_{number}"
        self._sql(f'CREATE DATABASE "{database}"')
        return self.url_for(database)

    def drop_database(self, url_or_name: str) -> None:
        """Drop a database, disconnecting whoever is still connected to it."""
        database = url_or_name.rsplit("/", 1)[-1]
        self._sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(statement)

    # -- internals ----------------------------------------------------------------------------
    def _as_server_user(self) -> dict:
        if not self._account:
            return {}
        uid, gid = self._account
        return {"user": uid, "group": gid, "extra_groups": []}

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", TZ="UTC")
        if self._account:
            env["HOME"] = str(self.base)
        return env

    def _run(self, argv: list, timeout: float) -> None:
        # stdout/stderr to a file, not a pipe: the postmaster pg_ctl leaves behind would keep a
        # pipe open; its own session, so a Ctrl-C aimed at pytest does not reach the server.
        with open(self.base / "commands.log", "ab") as log:
            out = subprocess.run([str(a) for a in argv], cwd=self.base, env=self._env(),
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                 timeout=timeout, start_new_session=True, **self._as_server_user())
        if out.returncode != 0:
            name = Path(str(argv[0])).name
            raise RuntimeError(f"{name} {argv[1] if len(argv) > 1 else ''} failed ({out.returncode}):\n"
                               f"{self._tail(self.base / 'commands.log')}\n--- server log ---\n{self._log_tail()}")

    def _pg_ctl_start(self) -> None:
        options = [f"-p {self.port}", f"-k {self.socket_dir}", "-c listen_addresses=127.0.0.1"]
        options += [f"-c {k}={v}" for k, v in self.settings.items()]
        self._run([self.bindir / "pg_ctl", "start", "-D", self.data_dir, "-l", self.log_file, "-w",
                   "-t", "60", "-o", " ".join(options)], timeout=90)

    def _start_watchdog(self) -> None:
        uid, gid = self._account if self._account else ("-", "-")
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(self.bindir / "pg_ctl"), str(self.data_dir), str(self.base),
             str(uid), str(gid)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd="/", start_new_session=True)

    def _postmaster_pid(self) -> int | None:
        try:
            return int((self.data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None

    def _log_tail(self) -> str:
        return self._tail(self.log_file) if self.base else ""

    @staticmethod
    def _tail(path: Path, lines: int = 20) -> str:
        try:
            return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


_LIVE: set[PostgresServer] = set()


@atexit.register
def _stop_all() -> None:
    for server in list(_LIVE):
        server.stop()


def _start_or_skip(**kwargs) -> PostgresServer:
    try:
        return PostgresServer(**kwargs).start()
    except PostgresUnavailable as exc:
        if os.environ.get("COMPOSURE_REQUIRE_POSTGRES", "") not in ("", "0"):
            pytest.fail(f"COMPOSURE_REQUIRE_POSTGRES is set but {exc}", pytrace=False)
        pytest.skip(str(exc))


# One server per pytest process, shared by every module that imports these fixtures (a test file
# importing them and conftest.py re-exporting them must not start two).
_shared: PostgresServer | None = None
_shared_users = 0


@pytest.fixture(scope="session")
def postgres_server():
    global _shared, _shared_users
    if _shared is None:
        _shared = _start_or_skip()
    _shared_users += 1
    try:
        yield _shared
    finally:
        _shared_users -= 1
        if _shared_users == 0 and _shared is not None:
            _shared.stop()
            _shared = None


@pytest.fixture
def postgres_url(postgres_server, request) -> str:
    """A fresh database for this test, dropped afterwards."""
    url = postgres_server.new_database(request.node.name)
    yield url
    if postgres_server.is_running():
        postgres_server.drop_database(url)


@pytest.fixture
def private_postgres_server():
    """A server of this test's own (durable commits), free to be stopped and started again."""
    server = _start_or_skip(settings={"synchronous_commit": "on"})
    try:
        yield server
    finally:
        server.stop()

"""Opening the database and bringing its schema up to date, safely with several instances."""

from __future__ import annotations

import functools
import logging
import threading
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
)
from tenacity import (
    Retrying,
    retry_if_exception,
    wait_exponential_jitter,
)

from bot.errors import ConfigError
from bot.storage.schema import MIGRATIONS, applied_versions, schema_migrations

log = logging.getLogger("composure.storage")
DEFAULT_SQLITE = Path("data") / "composure.db"
_MIGRATION_LOCK = 727_001  # PostgreSQL advisory lock id, so instances starting together migrate once


DB_OUTAGE_SECONDS = 30.0  # how long an operation waits for the database to come back


def _disconnected(exc: BaseException) -> bool:
    """Lost connections and a server that is (re)starting; not constraint or programming errors."""
    return isinstance(exc, (OperationalError, InterfaceError)) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated)


def survives_outages(method):
    """Retry a store operation while the database is briefly away (a restart, a failover).

    Each operation is one transaction, so running it again is safe; nothing is half done.
    """
    retrying = Retrying(retry=retry_if_exception(_disconnected), reraise=True,
                        stop=lambda state: state.seconds_since_start >= DB_OUTAGE_SECONDS,  # read at call time
                        wait=wait_exponential_jitter(multiplier=0.1, max=2),
                        before_sleep=lambda state: log.warning("database unavailable (%s); retrying",
                                                               type(state.outcome.exception()).__name__))

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        return retrying(method, *args, **kwargs)

    return wrapper


def claim_rows(conn, table, condition, order_by, limit: int, values: dict) -> list:
    """Pick up to `limit` rows (in `order_by` order, skipping rows another transaction holds) and
    update exactly those, returning them: how several instances share leased work without overlap.

    The pick is a CTE joined to the UPDATE: PostgreSQL could re-run an `IN (subquery … LIMIT)` per
    row and take far more than `limit`. SQLite ignores FOR UPDATE; its writes are serialised anyway.
    """
    key = next(iter(table.primary_key.columns))
    picked = (select(key).where(condition).order_by(order_by).limit(limit)
              .with_for_update(skip_locked=True).cte("picked"))
    statement = (update(table).where(key == picked.c[key.name], condition).values(**values)
                 .returning(*table.c))
    return conn.execute(statement).all()


def upsert(conn, table, values: dict, keys: tuple[str, ...], only_if=None) -> None:
    """Insert the row, or update the one with the same `keys`, in one statement (SQLite and PostgreSQL
    both have INSERT … ON CONFLICT). `only_if(existing, proposed)` guards the update, e.g. "only newer"."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    statement = dialect_insert(table).values(**values)
    changes = {k: statement.excluded[k] for k in values if k not in keys}
    guard = only_if(table.c, statement.excluded) if only_if else None
    conn.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=changes, where=guard))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _one_transaction_at_a_time(engine: Engine) -> None:
    """SQLite lets one writer in at a time and makes the others poll, sleeping up to 100 ms between
    tries: under a burst an acknowledgement waited most of a second behind that. Taking turns on a
    lock in this process hands the database over at once instead (a SQLite file has one instance)."""
    lock = threading.RLock()
    event.listen(engine, "begin", lambda _conn: lock.acquire())
    event.listen(engine, "commit", lambda _conn: lock.release())
    event.listen(engine, "rollback", lambda _conn: lock.release())


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"DATABASE_URL: cannot create the folder {folder} for the SQLite database ({exc.strerror}); "
                          "point DATABASE_URL at a writable place, for example sqlite:///data/composure.db") from None


def open_engine(url: str = "") -> Engine:
    """`url` from DATABASE_URL; empty means a SQLite file under ./data/, created on first run."""
    url = url or f"sqlite:///{DEFAULT_SQLITE}"
    try:
        if url.startswith("sqlite"):
            if url not in ("sqlite://", "sqlite:///:memory:"):
                _make_folder(Path(url.split("///", 1)[-1]).parent)
            # A pool keeps connections (and their PRAGMAs) open: ~0.03 ms a transaction instead of ~1 ms.
            engine = create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=False, hide_parameters=True,
                                   connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            _one_transaction_at_a_time(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, hide_parameters=True)
    except (ArgumentError, ImportError) as exc:
        raise ConfigError(f"DATABASE_URL: cannot use {url.split('@')[-1]!r}: {exc}") from None
    return engine


def migrate(engine: Engine, _attempt: int = 0) -> list[int]:
    """Apply the migrations this database lacks; returns the versions applied now.

    On PostgreSQL an advisory lock serialises instances starting together; on SQLite a
    second process racing the first fails on the version's primary key and simply re-reads.
    """
    applied_now = []
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK})
            done = applied_versions(conn)
            for version, _description, run in MIGRATIONS:
                if version in done:
                    continue
                run(conn)
                conn.execute(schema_migrations.insert().values(version=version, applied_at=utcnow()))
                applied_now.append(version)
    except IntegrityError:
        if _attempt:
            raise
        return migrate(engine, 1)
    except OperationalError as exc:
        where = engine.url.render_as_string(hide_password=True)
        fix = ("check that its folder exists and this user may write there" if engine.dialect.name == "sqlite"
               else "check the server is running and the URL's host, user and password")
        raise ConfigError(f"DATABASE_URL: cannot open the database {where} ({exc.orig}); {fix}") from None
    return applied_now

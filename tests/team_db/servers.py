"""Real PostgreSQL and MariaDB servers for the tests, on loopback, in temp folders.

Each server gets an admin account (what ``mlflow`` writes with) and a read-only
role (``reader``: ``SELECT`` only, what the app reads with). PostgreSQL refuses
to run as root, so as root it runs as the ``postgres`` OS user (``runuser``).
Started by session fixtures (:mod:`tests.team_db.conftest`), stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ADMIN, ADMIN_PASSWORD = "mlflow_admin", "admin-secret"
READER, READER_PASSWORD = "reader", "reader-secret"
PG_BIN = Path("/usr/lib/postgresql")


@dataclass(frozen=True)
class DbServer:
    """A started server: its family, port and folder."""

    family: str  # "postgresql" or "mysql"
    port: int
    folder: Path

    def admin_uri(self, database: str) -> str:
        """The URI MLflow writes with (its SQL store's driver spelling)."""
        driver = (
            "postgresql+psycopg" if self.family == "postgresql" else "mysql+pymysql"
        )
        return f"{driver}://{ADMIN}:{ADMIN_PASSWORD}@127.0.0.1:{self.port}/{database}"

    def reader_url(self, database: str, *, password: bool = True) -> str:
        """The URL the app opens, as a user would paste it."""
        secret = f":{READER_PASSWORD}" if password else ""
        return f"{self.family}://{READER}{secret}@127.0.0.1:{self.port}/{database}"


def admin_engine(server: DbServer, database: str):
    """An SQLAlchemy engine of the admin account (for the tests' own checks)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(server.admin_uri(database), poolclass=NullPool)


def content_digest(server: DbServer, database: str) -> dict[str, int]:
    """Each table's row count and content checksum, read as admin: equal before
    and after an import means the import wrote nothing."""
    import hashlib

    from sqlalchemy import inspect, text

    engine = admin_engine(server, database)
    out: dict[str, int] = {}
    try:
        with engine.connect() as conn:
            for table in sorted(inspect(conn).get_table_names()):
                quoted = conn.dialect.identifier_preparer.quote(table)
                rows = sorted(
                    repr(tuple(row))
                    for row in conn.execute(text(f"SELECT * FROM {quoted}"))
                )
                digest = hashlib.blake2b("\n".join(rows).encode(), digest_size=8)
                out[table] = int.from_bytes(digest.digest(), "big")
    finally:
        engine.dispose()
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no server on port {port} after {seconds} s")


# -- PostgreSQL ---------------------------------------------------------------------
def pg_bindir() -> Path | None:
    """The newest installed PostgreSQL server binaries, if any."""
    if not PG_BIN.is_dir():
        return None
    for version in sorted(PG_BIN.iterdir(), key=lambda p: p.name, reverse=True):
        if (version / "bin" / "postgres").is_file() and (
            version / "bin" / "initdb"
        ).is_file():
            return version / "bin"
    return None


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgresServer:
    """``initdb`` + ``postgres`` on 127.0.0.1:port, data in a temp folder."""

    def __init__(self) -> None:
        bindir = pg_bindir()
        assert bindir is not None
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="mlflow-desktop-pg-"))
        os.chmod(self.folder, 0o755)
        self.data = self.folder / "data"
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> DbServer:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        pwfile = self.folder / "pw"
        pwfile.write_text(ADMIN_PASSWORD)
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [
                    str(self.bindir / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    ADMIN,
                    "--pwfile",
                    str(pwfile),
                    "--auth=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        log = open(self.folder / "server.log", "wb")  # noqa: SIM115 - kept open
        self.process = subprocess.Popen(
            _as_postgres(
                [
                    str(self.bindir / "postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-h",
                    "127.0.0.1",
                    "-k",
                    str(self.folder),
                    "-c",
                    "fsync=off",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                ]
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _wait_port(self.port, self.process)
        self._ready()
        self.info = DbServer("postgresql", self.port, self.folder)
        return self.info

    def _ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.dsn("postgres")).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def dsn(self, database: str) -> str:
        return (
            f"host=127.0.0.1 port={self.port} user={ADMIN} "
            f"password={ADMIN_PASSWORD} dbname={database}"
        )

    def create_database(self, name: str, *, readable: bool = True) -> None:
        """An empty database; ``reader`` may read whatever MLflow creates in it
        (unless not ``readable``)."""
        import psycopg

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
            exists = conn.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", (READER,)
            ).fetchone()
            if not exists:
                conn.execute(f"CREATE ROLE {READER} LOGIN PASSWORD '{READER_PASSWORD}'")
        if not readable:
            return
        with psycopg.connect(self.dsn(name), autocommit=True) as conn:
            conn.execute(f'GRANT CONNECT ON DATABASE "{name}" TO {READER}')
            conn.execute(f"GRANT USAGE ON SCHEMA public TO {READER}")
            conn.execute(
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {ADMIN} IN SCHEMA public "
                f"GRANT SELECT ON TABLES TO {READER}"
            )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # smart shutdown
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# -- MariaDB ------------------------------------------------------------------------
def mariadb_binaries() -> tuple[str, str] | None:
    """``(mariadb-install-db, mariadbd)`` if MariaDB's server is installed."""
    install = shutil.which("mariadb-install-db")
    server = shutil.which("mariadbd") or (
        "/usr/sbin/mariadbd" if os.path.exists("/usr/sbin/mariadbd") else None
    )
    return (install, server) if install and server else None


class MariaDbServer:
    """``mariadb-install-db`` + ``mariadbd`` on 127.0.0.1:port in a temp folder."""

    def __init__(self) -> None:
        binaries = mariadb_binaries()
        assert binaries is not None
        self.install, self.server = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="mlflow-desktop-mariadb-"))
        self.data = self.folder / "data"
        self.socket = self.folder / "mysqld.sock"
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.user = "root" if os.geteuid() == 0 else os.environ.get("USER", "root")

    def start(self) -> DbServer:
        subprocess.run(
            [
                self.install,
                f"--user={self.user}",
                f"--datadir={self.data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve",
            ],
            check=True,
            capture_output=True,
        )
        log = open(self.folder / "server.log", "wb")  # noqa: SIM115 - kept open
        self.process = subprocess.Popen(
            [
                self.server,
                "--no-defaults",
                f"--user={self.user}",
                f"--datadir={self.data}",
                f"--socket={self.socket}",
                f"--port={self.port}",
                "--bind-address=127.0.0.1",
                f"--pid-file={self.folder / 'mysqld.pid'}",
                "--skip-name-resolve",
                "--innodb-flush-log-at-trx-commit=0",
                "--skip-log-bin",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _wait_port(self.port, self.process)
        self._admin_sql(
            f"CREATE USER IF NOT EXISTS '{ADMIN}'@'%' IDENTIFIED BY '{ADMIN_PASSWORD}'",
            f"GRANT ALL ON *.* TO '{ADMIN}'@'%'",
            f"CREATE USER IF NOT EXISTS '{READER}'@'%' "
            f"IDENTIFIED BY '{READER_PASSWORD}'",
        )
        self.info = DbServer("mysql", self.port, self.folder)
        return self.info

    def _admin_sql(self, *statements: str) -> None:
        import pymysql

        deadline = time.monotonic() + 30
        while True:
            try:
                conn = pymysql.connect(
                    unix_socket=str(self.socket), user="root", autocommit=True
                )
                break
            except pymysql.err.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        try:
            with conn.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            conn.close()

    def create_database(self, name: str, *, readable: bool = True) -> None:
        """An empty database that ``reader`` may only read (if ``readable``)."""
        self._admin_sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        if readable:
            self._admin_sql(f"GRANT SELECT ON `{name}`.* TO '{READER}'@'%'")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

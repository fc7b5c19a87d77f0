"""Where the store lives, and what a person sees when it cannot be used."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
from pathlib import Path

import pytest

from crm_office.errors import CrmOfficeError, StoreError
from crm_office.store import Store, StoredRecord
from crm_office.store.location import mask_password, resolve

pytest_plugins = ["tests.pg_server"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_relative_store_file_is_made_under_the_root_with_its_folders(tmp_path: Path) -> None:
    with Store.open("state/store/crm-office.sqlite", tmp_path) as store:
        assert store.location == str(tmp_path / "state/store/crm-office.sqlite")
    assert (tmp_path / "state/store/crm-office.sqlite").is_file()


def test_an_absolute_store_file_ignores_the_root(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "office.sqlite"
    with Store.open(str(path), tmp_path / "root") as store:
        assert store.location == str(path)
    assert path.is_file() and not (tmp_path / "root").exists()


def test_sqlite_runs_in_wal_mode_with_durable_commits(tmp_path: Path) -> None:
    with Store.open("crm-office.sqlite", tmp_path) as store, store.transaction() as tx:
        tx.put_records("clients", [StoredRecord("clients", "C-000001", {})])
        connection = tx._conn.connection.driver_connection
        assert connection is not None
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert connection.execute("PRAGMA busy_timeout").fetchone() == (10_000,)


@pytest.mark.parametrize("content", [os.urandom(4096), b"name,phone\nAcme,1\n" * 50])
def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "crm-office.sqlite").write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open("crm-office.sqlite", tmp_path)
    assert caught.value.reason == "corrupt"
    assert str(tmp_path / "crm-office.sqlite") in str(caught.value)
    assert "restore the backup" in caught.value.hint


def test_a_store_locked_by_another_run_is_a_clear_error(tmp_path: Path) -> None:
    Store.open("crm-office.sqlite", tmp_path).close()
    other = sqlite3.connect(tmp_path / "crm-office.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store.open("crm-office.sqlite", tmp_path, busy_timeout=0.2) as store:
            assert store.records("clients") == {}  # readers do not wait in WAL mode
            with pytest.raises(StoreError) as caught, store.transaction():
                pass
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.reason == "locked"
    assert "locked by another crm-office run" in caught.value.hint


def test_a_store_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "state").write_text("a file, not a folder")
    with pytest.raises(StoreError, match="cannot be created") as caught:
        Store.open("state/crm-office.sqlite", tmp_path)
    assert caught.value.reason == "missing"
    assert "paths.store" in caught.value.hint


def test_an_unreachable_postgresql_hides_the_password(tmp_path: Path) -> None:
    url = f"postgresql://crm:s3cr%3At-pw@127.0.0.1:{free_port()}/office"
    with pytest.raises(StoreError) as caught:
        Store.open(url, tmp_path)
    error = caught.value
    assert isinstance(error, CrmOfficeError)
    assert error.reason == "unreachable"
    assert "s3cr" not in str(error) and "s3cr" not in repr(error.args)
    assert f"postgresql+psycopg://crm:***@127.0.0.1:{url.rsplit(':', 1)[1]}" in str(error)
    assert "is PostgreSQL running?" in error.hint
    assert error.__cause__ is not None  # the backend's error stays attached for logs


def test_a_missing_postgresql_database_is_named(postgresql_url: str, tmp_path: Path) -> None:
    url = postgresql_url.rsplit("/", 1)[0] + "/no_such_office"
    with pytest.raises(StoreError, match="does not exist") as caught:
        Store.open(url, tmp_path)
    assert caught.value.reason == "missing"
    assert "createdb" in caught.value.hint


def test_an_unknown_kind_of_url_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a store URL"):
        Store.open("oracle+nosuchdriver://scott:tiger@db/office", tmp_path)


def test_a_backend_error_while_reading_becomes_a_store_error(tmp_path: Path) -> None:
    with Store.open("crm-office.sqlite", tmp_path) as store:
        with sqlite3.connect(tmp_path / "crm-office.sqlite") as other:
            other.execute("DROP TABLE records")
        with pytest.raises(StoreError, match="records") as caught:
            store.records("clients")
        assert caught.value.reason == "failed"


def test_damaged_data_in_the_store_is_a_store_error(tmp_path: Path) -> None:
    with Store.open("crm-office.sqlite", tmp_path) as store:
        with store.transaction() as tx:
            tx.put_records("clients", [StoredRecord("clients", "C-000001", {"name": "Acme"})])
        with sqlite3.connect(tmp_path / "crm-office.sqlite") as other:
            other.execute("UPDATE records SET data = '{\"name\": \"Ac'")
        with pytest.raises(StoreError, match="damaged data") as caught:
            store.records("clients")
        assert caught.value.reason == "corrupt"


@pytest.mark.parametrize(("url", "masked"), [
    ("postgresql+psycopg://crm:pw@host/db", "postgresql+psycopg://crm:***@host/db"),
    ("postgresql://crm:p@ss:w/rd@host:5433/db", "postgresql://crm:***@host:5433/db"),
    ("postgresql://crm@host/db", "postgresql://crm@host/db"),
    ("postgresql://host/db", "postgresql://host/db"),
])
def test_passwords_are_masked(url: str, masked: str) -> None:
    assert mask_password(url) == masked


def test_a_bare_postgresql_url_uses_psycopg(tmp_path: Path) -> None:
    target = resolve("postgres://crm:pw@db.local/office", tmp_path)
    assert target.url == "postgresql+psycopg://crm:pw@db.local/office"
    assert target.label == "postgresql+psycopg://crm:***@db.local/office"
    assert target.path is None


def test_a_short_password_is_hidden_only_where_it_is_the_password(tmp_path: Path) -> None:
    port = free_port()
    with pytest.raises(StoreError) as caught:
        Store.open(f"postgresql://crm:p@127.0.0.1:{port}/office", tmp_path)
    text = str(caught.value)
    assert f'connection to server at "127.0.0.1", port {port} failed' in text
    assert "***ort" not in text
    assert text.startswith(f"store postgresql+psycopg://crm:***@127.0.0.1:{port}/office: ")


@pytest.mark.parametrize(("text", "hidden"), [
    ("could not parse postgresql://crm:p@host/db", "could not parse postgresql://crm:***@host/db"),
    ("bad conninfo: password=p port=5", "bad conninfo: password=*** port=5"),
    ("bad conninfo: password='p' port=5", "bad conninfo: password='***' port=5"),
    ("port 5432 of postgres failed", "port 5432 of postgres failed"),
])
def test_hide_password_touches_only_the_password(text: str, hidden: str) -> None:
    from crm_office.store.location import hide_password

    assert hide_password(text, ("p",)) == hidden


def test_a_url_sqlalchemy_cannot_read_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is not a database URL crm-office can read") as caught:
        Store.open("postgresql://crm:p@ss:w/rd@host:5433/db", tmp_path)
    assert "p@ss" not in str(caught.value)
    assert "%40" in caught.value.hint


def russian_prose(exc: CrmOfficeError, *keep: str) -> list[str]:
    """Latin words of the error in Russian, leaving out the store's location and the database's
    own words (``keep``) and the names a Russian text may hold."""
    from crm_office.errors import describe
    from tests.test_catalogue import NAMES_IN_RUSSIAN

    text = describe(exc, "ru")
    for kept in (getattr(exc, "location", ""), *keep):
        text = text.replace(kept, " ")
    return [word for word in re.findall(r"[A-Za-z][A-Za-z\-]*", text)
            if word.strip("-") not in NAMES_IN_RUSSIAN]


def test_a_locked_store_reads_russian_in_a_russian_office(tmp_path: Path) -> None:
    Store.open("crm-office.sqlite", tmp_path).close()
    other = sqlite3.connect(tmp_path / "crm-office.sqlite", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store.open("crm-office.sqlite", tmp_path, busy_timeout=0.2) as store, \
                pytest.raises(StoreError) as caught, store.transaction():
            pass
    finally:
        other.execute("ROLLBACK")
        other.close()
    message, hint = caught.value.localised("ru")
    assert message.startswith(f"хранилище {tmp_path / 'crm-office.sqlite'}: заблокировано")
    assert hint.startswith("файл хранилища заблокирован другим запуском crm-office")
    assert russian_prose(caught.value, "database is locked") == []


def test_a_damaged_store_and_an_unreachable_server_read_russian(tmp_path: Path) -> None:
    (tmp_path / "crm-office.sqlite").write_bytes(b"name,phone\nAcme,1\n" * 50)
    with pytest.raises(StoreError) as damaged:
        Store.open("crm-office.sqlite", tmp_path)
    assert "повреждено" in describe_ru(damaged.value)
    assert russian_prose(damaged.value, "file is not a database") == []
    port = free_port()
    with pytest.raises(StoreError) as unreachable:
        Store.open(f"postgresql://crm:pw@127.0.0.1:{port}/office", tmp_path)
    detail = unreachable.value.message.split("(", 1)[1].rsplit(")", 1)[0]
    assert "не удаётся подключиться к серверу базы данных" in describe_ru(unreachable.value)
    assert russian_prose(unreachable.value, detail) == []


def describe_ru(exc: CrmOfficeError) -> str:
    from crm_office.errors import describe

    return describe(exc, "ru")


def test_a_store_of_a_newer_crm_office_reads_russian(tmp_path: Path) -> None:
    import sqlalchemy as sa

    from crm_office.store import schema
    from crm_office.store.engine import create_engine
    from crm_office.store.migrations import CURRENT_VERSION

    Store.open("crm-office.sqlite", tmp_path).close()
    engine = create_engine(resolve("crm-office.sqlite", tmp_path), 1.0)
    with engine.begin() as conn:
        conn.execute(sa.update(schema.meta).values(value=str(CURRENT_VERSION + 1)))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store.open("crm-office.sqlite", tmp_path)
    assert f"создано более новой версией crm-office (версия схемы {CURRENT_VERSION + 1}" \
        in describe_ru(caught.value)
    assert russian_prose(caught.value) == []
    assert "was made by a newer crm-office" in str(caught.value)  # English unchanged


def test_a_failed_migration_names_the_version_and_leaves_the_store_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that the database refuses (here: a table that is already there) is rolled back."""
    import sqlalchemy as sa

    from crm_office.store import migrations
    from crm_office.store.engine import create_engine

    Store.open("crm-office.sqlite", tmp_path).close()
    known = migrations.CURRENT_VERSION

    def clashing_step(conn: sa.Connection) -> None:
        conn.execute(sa.text("CREATE TABLE new_things (id INTEGER)"))
        conn.execute(sa.text("CREATE TABLE meta (key TEXT)"))

    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, clashing_step))
    engine = create_engine(resolve("crm-office.sqlite", tmp_path), 1.0)
    with pytest.raises(StoreError) as caught, engine.connect() as conn, conn.begin():
        migrations.upgrade(conn, "crm-office.sqlite", known + 1)
    with engine.connect() as conn:
        assert migrations.read_version(conn) == known
        assert not sa.inspect(conn).has_table("new_things")
    engine.dispose()
    assert f"could not be upgraded to schema version {known + 1}" in str(caught.value)
    assert f"it was left at version {known}" in str(caught.value)
    assert f"не удалось обновить до версии схемы {known + 1}" in describe_ru(caught.value)
    assert russian_prose(caught.value, "table meta already exists") == []

"""A migration merged after a higher-numbered one still reaches stores made in between."""

from __future__ import annotations

from storyline.store import Store


def test_a_migration_missing_below_the_newest_applied_one_is_applied(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.con.execute("DROP TABLE page_terms")
        store.con.execute("DELETE FROM schema_migrations WHERE version = 11")
    with Store(path) as store:
        assert store.con.execute("SELECT count(*) FROM page_terms").fetchone()[0] == 0
        versions = [r[0] for r in store.con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
        assert 11 in versions and versions == sorted(set(versions))

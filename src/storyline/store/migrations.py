"""Registered schema migrations. Append new ones; never edit one that has shipped."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        name="documents, segments and comments",
        sql="""
        CREATE TABLE documents (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            source VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            url VARCHAR,
            outlet VARCHAR,
            title VARCHAR,
            published DATE,
            published_source VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, version)
        );
        CREATE TABLE segments (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            role VARCHAR NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            PRIMARY KEY (doc_id, version, seq)
        );
        CREATE TABLE comments (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            comment_id VARCHAR NOT NULL,
            parent_id VARCHAR,
            depth INTEGER NOT NULL,
            author VARCHAR,
            posted_at TIMESTAMP,
            text VARCHAR NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            duplicate_of VARCHAR,
            PRIMARY KEY (doc_id, version, comment_id)
        );
        CREATE INDEX documents_hash ON documents (doc_id, content_hash);
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

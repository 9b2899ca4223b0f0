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

MIGRATIONS += (
    Migration(
        version=2,
        name="reading: entity mentions, actors, time expressions, places",
        sql="""
        CREATE TABLE read_state (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            pipeline VARCHAR NOT NULL,
            read_at TIMESTAMP NOT NULL,
            PRIMARY KEY (doc_id, version)
        );
        CREATE TABLE entity_mentions (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            label VARCHAR NOT NULL
        );
        CREATE TABLE page_entities (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            local_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            country VARCHAR,
            sector VARCHAR,
            country_evidence VARCHAR,
            sector_evidence VARCHAR,
            country_rank INTEGER,
            sector_rank INTEGER,
            affiliation VARCHAR,
            given VARCHAR[],
            surname VARCHAR,
            aliases VARCHAR[],
            role_words VARCHAR[],
            org_code VARCHAR,
            PRIMARY KEY (doc_id, version, local_id)
        );
        CREATE TABLE actor_mentions (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            title VARCHAR,
            role VARCHAR,
            name VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            country_evidence VARCHAR,
            sector_evidence VARCHAR,
            affiliation VARCHAR,
            local_entity VARCHAR NOT NULL,
            actor_id VARCHAR
        );
        CREATE TABLE actors (
            actor_id VARCHAR PRIMARY KEY,
            kind VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            aliases VARCHAR[],
            country VARCHAR,
            sector VARCHAR,
            country_evidence VARCHAR,
            sector_evidence VARCHAR,
            affiliations VARCHAR[],
            mention_count INTEGER NOT NULL
        );
        CREATE TABLE time_expressions (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            value VARCHAR,
            precision VARCHAR,
            kind VARCHAR NOT NULL
        );
        CREATE TABLE place_mentions (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            name VARCHAR,
            country VARCHAR,
            region VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            precision VARCHAR,
            geonames_id INTEGER,
            dateline BOOLEAN NOT NULL
        );
        CREATE TABLE store_flags (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
        """,
    ),
)

MIGRATIONS += (
    Migration(
        version=3,
        name="links between pages: near-duplicates and page stories",
        sql="""
        CREATE TABLE page_signatures (
            doc_id VARCHAR PRIMARY KEY,
            version INTEGER NOT NULL,
            minhash UBIGINT[] NOT NULL
        );
        CREATE TABLE near_duplicates (
            doc_id VARCHAR PRIMARY KEY,
            duplicate_of VARCHAR NOT NULL,
            similarity DOUBLE NOT NULL
        );
        CREATE TABLE page_stories (
            doc_id VARCHAR PRIMARY KEY,
            story_id VARCHAR NOT NULL,
            score DOUBLE
        );
        """,
    ),
)

MIGRATIONS += (
    Migration(
        version=4,
        name="events, their participants, quotes",
        sql="""
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            contexts VARCHAR[],
            date VARCHAR,
            date_precision VARCHAR,
            date_text VARCHAR,
            date_start INTEGER,
            date_end INTEGER,
            location_text VARCHAR,
            location_country VARCHAR,
            location_lat DOUBLE,
            location_lon DOUBLE,
            negated BOOLEAN NOT NULL,
            hypothetical BOOLEAN NOT NULL,
            evidence_text VARCHAR NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            trigger_text VARCHAR NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            confidence DOUBLE NOT NULL,
            quote_text VARCHAR,
            quote_speaker VARCHAR,
            cameo VARCHAR,
            quad_class INTEGER,
            goldstein DOUBLE,
            is_symmetric BOOLEAN NOT NULL,
            cues VARCHAR[]
        );
        CREATE TABLE event_participants (
            event_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            side VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            name VARCHAR,
            kind VARCHAR,
            local_entity VARCHAR,
            actor_id VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            affiliation VARCHAR,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            PRIMARY KEY (event_id, side, seq)
        );
        CREATE TABLE quotes (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            direct BOOLEAN NOT NULL,
            speaker_text VARCHAR,
            speaker_name VARCHAR,
            speaker_local_entity VARCHAR,
            speaker_actor_id VARCHAR,
            speaker_country VARCHAR
        );
        """,
    ),
)

# -- migration 5: story events (owned by the linking stage; may still change before release) --
MIGRATIONS += (
    Migration(
        version=5,
        name="story events: one real-world event, all its reports",
        sql="""
        CREATE TABLE story_events (
            story_id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            date VARCHAR,
            date_precision VARCHAR,
            date_source VARCHAR,
            location_text VARCHAR,
            location_country VARCHAR,
            location_lat DOUBLE,
            location_lon DOUBLE,
            pages INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            first_seen VARCHAR,
            last_seen VARCHAR,
            quad_class INTEGER,
            goldstein DOUBLE,
            canonical_event_id VARCHAR NOT NULL
        );
        CREATE TABLE story_sides (
            story_id VARCHAR NOT NULL,
            side VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            actor_id VARCHAR,
            name VARCHAR,
            country VARCHAR,
            sector VARCHAR,
            PRIMARY KEY (story_id, side, seq)
        );
        CREATE TABLE story_reports (
            story_id VARCHAR NOT NULL,
            event_id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            inferred_date VARCHAR
        );
        CREATE TABLE story_disagreements (
            story_id VARCHAR NOT NULL,
            field VARCHAR NOT NULL,
            value VARCHAR NOT NULL,
            doc_ids VARCHAR[] NOT NULL
        );
        CREATE TABLE story_blocks (
            event_id VARCHAR NOT NULL,
            block VARCHAR NOT NULL,
            bucket INTEGER
        );
        CREATE INDEX story_blocks_block ON story_blocks (block);
        CREATE TABLE story_links (
            event_a VARCHAR NOT NULL,
            event_b VARCHAR NOT NULL,
            score DOUBLE NOT NULL,
            PRIMARY KEY (event_a, event_b)
        );
        """,
    ),
)

# -- migration 6: every evidence sentence of an event (its merged repeats within the page) --
MIGRATIONS += (
    Migration(
        version=6,
        name="every evidence sentence of an event",
        sql="""
        CREATE TABLE event_evidence (
            event_id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            PRIMARY KEY (event_id, seq)
        );
        """,
    ),
)

# -- migration 7: pages the reader raised on --
MIGRATIONS += (
    Migration(
        version=7,
        name="read failures: pages the reader raised on, skipped until retried",
        sql="""
        CREATE TABLE read_failures (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            pipeline VARCHAR NOT NULL,
            error VARCHAR NOT NULL,
            failed_at TIMESTAMP NOT NULL,
            PRIMARY KEY (doc_id, version)
        );
        """,
    ),
)


# -- migration 8: reader comments analysed (owned by the comments stage) --
MIGRATIONS += (
    Migration(
        version=8,
        name="comments stage: language, toxicity, constructiveness, spam, reposts, targets and stances",
        sql="""
        CREATE TABLE comment_analyses (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            comment_id VARCHAR NOT NULL,
            language VARCHAR NOT NULL,
            language_confidence DOUBLE NOT NULL,
            toxicity DOUBLE,
            toxic BOOLEAN,
            constructiveness DOUBLE,
            constructive BOOLEAN,
            content_spam VARCHAR,
            exact_key VARCHAR,
            minhash UINTEGER[],
            repost_of_doc VARCHAR,
            repost_of_comment VARCHAR,
            repost_spam BOOLEAN NOT NULL DEFAULT false,
            PRIMARY KEY (doc_id, version, comment_id)
        );
        CREATE TABLE comment_targets (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            comment_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            actor_id VARCHAR,
            local_entity VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            how VARCHAR NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            stance VARCHAR NOT NULL,
            stance_score DOUBLE NOT NULL,
            stance_words VARCHAR[],
            PRIMARY KEY (doc_id, version, comment_id, seq)
        );
        CREATE TABLE comment_events (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            comment_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            event_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            PRIMARY KEY (doc_id, version, comment_id, seq)
        );
        CREATE TABLE comment_state (
            doc_id VARCHAR PRIMARY KEY,
            version INTEGER NOT NULL,
            read_at TIMESTAMP NOT NULL,
            models VARCHAR NOT NULL,
            analysed_at TIMESTAMP NOT NULL
        );
        """,
    ),
)

# -- migration 9: the rule that found each event side --
MIGRATIONS += (
    Migration(
        version=9,
        name="the rule that found each event side",
        sql="""
        ALTER TABLE event_participants ADD COLUMN rule VARCHAR;
        """,
    ),
)

# -- migration 10: views the query layer repeats (latest document versions, factual events) --
MIGRATIONS += (
    Migration(
        version=10,
        name="views: latest document versions, factual events",
        sql="""
        CREATE VIEW latest_documents AS
            SELECT d.* FROM documents d
            JOIN (SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) l USING (doc_id, version);
        CREATE VIEW factual_events AS
            SELECT * FROM events WHERE NOT negated AND NOT hypothetical;
        """,
    ),
)

# -- migration 11: word counts of each page's article text, kept for page linking --
MIGRATIONS += (
    Migration(
        version=11,
        name="word counts of each page's article text",
        sql="""
        CREATE TABLE page_terms (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            terms VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, version)
        );
        """,
    ),
)

# -- migration 12: live sources (what was fetched from the web, when, and how to ask again) --
MIGRATIONS += (
    Migration(
        version=12,
        name="fetch state of pages and feeds",
        sql="""
        CREATE TABLE fetch_state (
            url VARCHAR PRIMARY KEY,
            kind VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            http_status INTEGER,
            final_url VARCHAR,
            etag VARCHAR,
            last_modified VARCHAR,
            doc_id VARCHAR,
            version INTEGER,
            error VARCHAR,
            fetched_at TIMESTAMP NOT NULL
        );
        """,
    ),
)

# -- migration 13: what incremental cross-page work keeps (canonical actor blocks, comment repost keys) --
MIGRATIONS += (
    Migration(
        version=13,
        name="blocking keys kept for incremental cross-page work",
        sql="""
        CREATE TABLE actor_entities (
            doc_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            local_id VARCHAR NOT NULL,
            actor_id VARCHAR
        );
        CREATE TABLE actor_keys (
            doc_id VARCHAR NOT NULL,
            local_id VARCHAR NOT NULL,
            key VARCHAR NOT NULL,
            role TINYINT NOT NULL
        );
        CREATE TABLE actor_summaries (
            key VARCHAR PRIMARY KEY,
            actor_id VARCHAR NOT NULL,
            summary VARCHAR NOT NULL
        );
        CREATE TABLE actor_bases (
            actor_id VARCHAR PRIMARY KEY,
            base_id VARCHAR NOT NULL,
            first_doc VARCHAR NOT NULL,
            first_local VARCHAR NOT NULL
        );
        CREATE TABLE actor_dirty (
            key VARCHAR,
            role TINYINT,
            actor_id VARCHAR
        );
        CREATE TABLE signature_bands (
            doc_id VARCHAR NOT NULL,
            band VARCHAR NOT NULL
        );
        CREATE TABLE story_page_state (
            doc_id VARCHAR PRIMARY KEY,
            page_story VARCHAR,
            date_hint VARCHAR
        );
        CREATE TABLE comment_keys (
            doc_id VARCHAR NOT NULL,
            comment_id VARCHAR NOT NULL,
            key VARCHAR NOT NULL
        );
        """,
    ),
)

# -- migration 14: what incremental page stories keep (document frequencies, counted pages, blocking words) --
MIGRATIONS += (
    Migration(
        version=14,
        name="document frequencies and blocking words kept for incremental page stories",
        sql="""
        CREATE TABLE link_counts (
            kind VARCHAR NOT NULL,
            key VARCHAR NOT NULL,
            df INTEGER NOT NULL
        );
        CREATE TABLE page_counted (
            doc_id VARCHAR PRIMARY KEY,
            version INTEGER NOT NULL,
            read_at TIMESTAMP,
            terms VARCHAR NOT NULL,
            specifics VARCHAR NOT NULL,
            dated BOOLEAN NOT NULL,
            not_before DATE,
            not_after DATE,
            seq BIGINT NOT NULL
        );
        CREATE TABLE page_blocks (
            doc_id VARCHAR NOT NULL,
            key VARCHAR NOT NULL
        );
        """,
    ),
)

# -- migration 15: the groups of people that can meet, kept so a pass need not find them again --
# (the actor tables are emptied: the next pass canonicalises every chain once and files its group);
# and documents found by id through an index of one column (DuckDB scans a table for a filter on the
# first column of a two-column key, so each page ingested cost a scan of every document)
MIGRATIONS += (
    Migration(
        version=15,
        name="groups of people kept for incremental canonical actors; documents indexed by id",
        sql="""
        CREATE INDEX IF NOT EXISTS documents_doc ON documents (doc_id);
        CREATE TABLE actor_groups (
            doc_id VARCHAR NOT NULL,
            local_id VARCHAR NOT NULL,
            grp VARCHAR NOT NULL
        );
        DELETE FROM actor_entities;
        DELETE FROM actor_keys;
        DELETE FROM actor_summaries;
        DELETE FROM actor_bases;
        DELETE FROM actor_dirty;
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

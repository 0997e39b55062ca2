-- wirelens store, migration 1: articles, removed junk, entities and mentions, quotes,
-- canonical actors and aliases, ingest runs and per-record errors, FTS5 over texts.
-- Offsets are character offsets into articles.text (removed: into the input before cleaning).

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL DEFAULT 'running',      -- running, done, interrupted, failed
    inputs TEXT NOT NULL,                        -- JSON list of the paths given
    version TEXT NOT NULL,                       -- wirelens version
    model TEXT,
    workers INTEGER,
    articles INTEGER NOT NULL DEFAULT 0,         -- stored by this run
    skipped INTEGER NOT NULL DEFAULT 0,          -- already in the store
    errors INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,                   -- sha256 of url + raw input: re-ingest adds nothing
    record_id TEXT,
    source TEXT,
    url TEXT,
    domain TEXT,
    title TEXT,
    published TEXT,                              -- ISO 8601 date or date-time
    lang TEXT,
    lang_confidence REAL,
    dateline_place TEXT,
    agencies TEXT NOT NULL DEFAULT '[]',          -- JSON list
    text TEXT NOT NULL,
    doc TEXT NOT NULL,                           -- the whole Article as JSON (lossless)
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_domain ON articles(domain);
CREATE INDEX articles_record ON articles(record_id);

CREATE TABLE removed (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    reason TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX removed_article ON removed(article_id);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,                         -- kb:<slug>, name:<slug>, country:<ISO3>
    name TEXT NOT NULL,
    type TEXT,
    country TEXT,
    kb INTEGER NOT NULL DEFAULT 0,               -- 1: from the shipped knowledge base
    roles TEXT NOT NULL DEFAULT '[]'             -- JSON list
);

CREATE TABLE aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    norm TEXT NOT NULL,                          -- folded form used for lookups
    count INTEGER NOT NULL DEFAULT 0,            -- mentions seen in the store
    PRIMARY KEY (actor_id, norm)
);
CREATE INDEX aliases_norm ON aliases(norm);

CREATE TABLE entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    eid TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT REFERENCES actors(id),
    PRIMARY KEY (article_id, eid)
);
CREATE INDEX entities_actor ON entities(actor_id);

CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    eid TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id, eid);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,                          -- position in the article
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    cue TEXT,
    cue_lemma TEXT,
    speaker TEXT,                                -- the speaker's name (canonical if resolved)
    speaker_actor TEXT REFERENCES actors(id),
    speaker_mention TEXT,
    speaker_kind TEXT,
    addressee TEXT,
    addressee_actor TEXT REFERENCES actors(id),
    confidence REAL NOT NULL,
    published TEXT,                              -- copied from the article for date filters
    lang TEXT,
    domain TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_actor, published);
CREATE INDEX quotes_addressee ON quotes(addressee_actor, published);
CREATE INDEX quotes_published ON quotes(published);

CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    record TEXT NOT NULL,                        -- locator: file, file:line, file#warc-id
    reason TEXT NOT NULL,
    hash TEXT,                                   -- content hash when the record could be read
    UNIQUE (record, reason)
);
CREATE INDEX errors_hash ON errors(hash);

-- Full-text search (external content: the text is stored once, in the tables above).
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
END;

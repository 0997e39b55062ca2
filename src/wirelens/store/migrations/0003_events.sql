-- wirelens store, migration 3: political events (PLOVER) and their participants.

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,                          -- position in the article
    type TEXT NOT NULL,
    mode TEXT,
    trigger TEXT NOT NULL,
    start INTEGER NOT NULL,                      -- trigger span in articles.text
    end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    flags TEXT NOT NULL DEFAULT '[]',            -- JSON list: negated, hypothetical, future, historical
    confidence REAL NOT NULL,
    event_key TEXT,                              -- equal for the same act in two copies of a story
    published TEXT,
    lang TEXT,
    domain TEXT
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type, published);
CREATE INDEX events_published ON events(published);

CREATE TABLE event_participants (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,                          -- actor or recipient
    name TEXT NOT NULL,
    country TEXT,                                -- ISO 3166 alpha-3 the participant acts for
    actor_id TEXT REFERENCES actors(id)
);
CREATE INDEX event_participants_event ON event_participants(event_id);
CREATE INDEX event_participants_actor ON event_participants(actor_id, role);
CREATE INDEX event_participants_country ON event_participants(country, role);

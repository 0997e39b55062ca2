-- wirelens store, migration 2: syndication. MinHash signatures and their LSH band keys
-- (near-duplicate index, incremental), language-independent facts (cross-language links),
-- stories (groups of copies of one dispatch) and the links found between articles.

ALTER TABLE articles ADD COLUMN story_id INTEGER;
CREATE INDEX articles_story ON articles(story_id);

ALTER TABLE quotes ADD COLUMN quote_key TEXT;  -- equal for the same quotation in two copies

CREATE TABLE signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    minhash BLOB NOT NULL,                       -- MinHash values, little-endian uint32
    shingles INTEGER NOT NULL                    -- distinct word shingles of the text
);

CREATE TABLE lsh_bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX lsh_lookup ON lsh_bands(band, key);

CREATE TABLE facts (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    fact TEXT NOT NULL
);
CREATE INDEX facts_fact ON facts(fact, article_id);

CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    representative INTEGER REFERENCES articles(id),  -- earliest published, agency-credited first
    size INTEGER NOT NULL DEFAULT 1,
    first_published TEXT,
    last_published TEXT
);

CREATE TABLE story_links (
    a INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- the newer article
    b INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                          -- copy (near-duplicate) or translation (weaker)
    score REAL NOT NULL,                         -- copy: estimated overlap; translation: facts Jaccard
    PRIMARY KEY (a, b)
);
CREATE INDEX story_links_b ON story_links(b);

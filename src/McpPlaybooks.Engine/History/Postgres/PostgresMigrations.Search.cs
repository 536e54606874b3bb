namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// Script 2: the learning memory's search reads words as SQLite's FTS5 table does (<c>porter unicode61</c>), where script 1
/// used the 'simple' configuration (no stemming: "refusing" never found "refused") and PostgreSQL's parser (a path, a host
/// name or a URL was one word: "conf" never found <c>/etc/app/42.conf</c>). Now the text is cut into words at everything
/// but letters and digits, with accents taken off (<c>memory_words</c>, as unicode61 does), and the words are stemmed by
/// Snowball's English stemmer with no stop-words (<c>memory_english</c>: FTS5's porter drops none either, where
/// PostgreSQL's 'english' would drop "the", "is", "not"...). The document is recomputed for the rows already indexed.
/// It also repairs the error patterns' rows: script 1's fold wrote <c>lastval()</c> as their <c>ref</c>, which inside that
/// INSERT is the search row's own new id, not the pattern's; each pattern was indexed once, right after it was inserted,
/// so the n-th pattern row of <c>memory_search</c> (by id) is the n-th pattern (by id).
/// </summary>
internal static partial class PostgresMigrations
{
    private const string Search =
        """
        -- Snowball's English stemmer (Porter's second version) without a stop-word list: every word is kept, as FTS5 keeps it.
        CREATE TEXT SEARCH DICTIONARY memory_english_stem (TEMPLATE = snowball, Language = english);
        CREATE TEXT SEARCH CONFIGURATION memory_english (COPY = pg_catalog.simple);
        ALTER TEXT SEARCH CONFIGURATION memory_english
            ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH memory_english_stem;
        -- Accents off (decomposed, combining marks dropped), as FTS5's unicode61 does for both the text and the query.
        CREATE FUNCTION memory_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $$ SELECT regexp_replace(normalize($1, NFD), '[\u0300-\u036f]', '', 'g') $$;
        -- The words of a text as unicode61 cuts them: runs of letters and digits (the parser never sees a path or a host name).
        CREATE FUNCTION memory_words(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $$ SELECT regexp_replace(regexp_replace(normalize($1, NFD), '[\u0300-\u036f]', '', 'g'), '[^[:alnum:]]+', ' ', 'g') $$;
        ALTER TABLE memory_search DROP COLUMN search_vector;
        ALTER TABLE memory_search ADD COLUMN search_vector tsvector
            GENERATED ALWAYS AS (to_tsvector('memory_english', memory_words(coalesce(body, '') || ' ' || coalesce(tags, '')))) STORED;
        CREATE INDEX ix_memory_search_vector ON memory_search USING gin (search_vector);
        UPDATE memory_search SET ref = pairs.pattern_id::text
        FROM (
            SELECT s.id AS search_id, p.id AS pattern_id
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM memory_search WHERE kind = 'pattern') s
            JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM memory_patterns) p ON p.n = s.n
        ) pairs
        WHERE memory_search.id = pairs.search_id AND memory_search.ref IS DISTINCT FROM pairs.pattern_id::text;
        """;
}

import GRDB

/// The database schema, as GRDB migrations. A migration, once released, is never edited:
/// changes come as new migrations appended below.
///
/// Layout in short (details in the comments of each statement):
/// - `scopes`: one row per (tenant, environment); its number is the top 11 bits of every
///   customer's `seq`, so that one environment's rows form one contiguous rowid range.
/// - `customers`: `seq` is the rowid and the list order: within a scope, ascending `seq` is
///   ascending (created_at, id) (see `ListPosition`). Shadow columns `search_*` hold the
///   normalized name, email and external id (see `SearchText`).
/// - `customer_search`: a contentless FTS5 trigram index over the shadow columns of published
///   customers, keyed by `seq`, kept in step by triggers.
/// - `customer_counts` (per scope and status, by triggers) and `search_gram_counts` (per scope
///   and 1-2 character gram, by the store) make totals exact without counting rows.
/// - v2: indexes for the list's orders (name, email, updated) and its country filter, and
///   `customer_metadata`, every text metadata pair as an index row (by triggers).
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: customers, search index, counters") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2: list orders, country and metadata filters") { db in
            try db.execute(sql: v2)
        }
        return migrator
    }

    /// Bits of `seq` below the scope number: 2^52 list positions per environment.
    static let positionBits = 52
    /// Scope numbers must fit the 11 bits left in a positive Int64.
    static let maxScopeNumber: Int64 = (1 << 11) - 1

    private static let v1 = """
        CREATE TABLE scopes (
            scope_no INTEGER PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            environment_id TEXT NOT NULL,
            UNIQUE (tenant_id, environment_id)
        );

        CREATE TABLE customers (
            seq INTEGER PRIMARY KEY,            -- (scope_no << 52) | list position
            id TEXT NOT NULL UNIQUE,            -- cust_ + ULID
            scope_no INTEGER NOT NULL REFERENCES scopes(scope_no),
            external_id TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            contact TEXT,                       -- NULL: never set (omitted from JSON)
            address_line1 TEXT NOT NULL,
            address_line2 TEXT NOT NULL,
            address_city TEXT NOT NULL,
            address_state TEXT NOT NULL,
            address_postal_code TEXT NOT NULL,
            address_country TEXT NOT NULL,
            timezone TEXT NOT NULL,
            metadata TEXT,                      -- JSON object; NULL when created without
            parent_customer_id TEXT REFERENCES customers(id),
            integration_entity_mapping TEXT,    -- JSON array as sent; kept, not interpreted
            tax_rate_overrides TEXT,            -- JSON array as sent; kept, not interpreted
            status TEXT NOT NULL,
            created_at INTEGER NOT NULL,        -- microseconds since 1970, UTC
            updated_at INTEGER NOT NULL,
            created_by TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            search_name TEXT NOT NULL,          -- SearchText.normalize(name)
            search_email TEXT NOT NULL,
            search_external_id TEXT NOT NULL
        );

        -- external_id is unique among published customers only: deleting frees it (contract 14).
        CREATE UNIQUE INDEX customers_published_external_id
            ON customers (scope_no, external_id) WHERE status = 'published';
        -- Pages of a status in list order.
        CREATE INDEX customers_status_seq ON customers (scope_no, status, seq);
        -- Children of a parent; most customers have none, so only those with a parent are indexed.
        CREATE INDEX customers_parent ON customers (scope_no, parent_customer_id, seq)
            WHERE parent_customer_id IS NOT NULL;

        CREATE TABLE customer_counts (
            scope_no INTEGER NOT NULL,
            status TEXT NOT NULL,
            rows INTEGER NOT NULL,
            PRIMARY KEY (scope_no, status)
        ) WITHOUT ROWID;

        CREATE TABLE search_gram_counts (
            scope_no INTEGER NOT NULL,
            gram TEXT NOT NULL,                 -- 1 or 2 characters of normalized text
            rows INTEGER NOT NULL,              -- published customers containing it
            PRIMARY KEY (scope_no, gram)
        ) WITHOUT ROWID;

        -- Case is folded in Swift before indexing (SearchText), so the tokenizer compares exactly.
        CREATE VIRTUAL TABLE customer_search USING fts5(
            name, email, external_id,
            content = '', tokenize = 'trigram case_sensitive 1'
        );
        CREATE VIRTUAL TABLE customer_search_terms USING fts5vocab(customer_search, 'row');

        CREATE TRIGGER customers_count_insert AFTER INSERT ON customers BEGIN
            INSERT INTO customer_counts (scope_no, status, rows) VALUES (new.scope_no, new.status, 1)
                ON CONFLICT (scope_no, status) DO UPDATE SET rows = rows + 1;
        END;
        CREATE TRIGGER customers_count_delete AFTER DELETE ON customers BEGIN
            UPDATE customer_counts SET rows = rows - 1 WHERE scope_no = old.scope_no AND status = old.status;
        END;
        CREATE TRIGGER customers_count_update AFTER UPDATE OF status, scope_no ON customers
            WHEN old.status IS NOT new.status OR old.scope_no IS NOT new.scope_no BEGIN
            UPDATE customer_counts SET rows = rows - 1 WHERE scope_no = old.scope_no AND status = old.status;
            INSERT INTO customer_counts (scope_no, status, rows) VALUES (new.scope_no, new.status, 1)
                ON CONFLICT (scope_no, status) DO UPDATE SET rows = rows + 1;
        END;

        -- The search index holds published customers only; char(1, 1) is SearchText.indexed.
        CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
            WHEN new.status = 'published' BEGIN
            INSERT INTO customer_search (rowid, name, email, external_id) VALUES (new.seq,
                new.search_name || char(1, 1), new.search_email || char(1, 1),
                new.search_external_id || char(1, 1));
        END;
        CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
            WHEN old.status = 'published' BEGIN
            INSERT INTO customer_search (customer_search, rowid, name, email, external_id)
                VALUES ('delete', old.seq, old.search_name || char(1, 1),
                old.search_email || char(1, 1), old.search_external_id || char(1, 1));
        END;
        CREATE TRIGGER customers_search_update AFTER UPDATE ON customers
            WHEN old.seq IS NOT new.seq OR old.status IS NOT new.status
              OR old.search_name IS NOT new.search_name OR old.search_email IS NOT new.search_email
              OR old.search_external_id IS NOT new.search_external_id BEGIN
            INSERT INTO customer_search (customer_search, rowid, name, email, external_id)
                SELECT 'delete', old.seq, old.search_name || char(1, 1),
                    old.search_email || char(1, 1), old.search_external_id || char(1, 1)
                WHERE old.status = 'published';
            INSERT INTO customer_search (rowid, name, email, external_id)
                SELECT new.seq, new.search_name || char(1, 1), new.search_email || char(1, 1),
                    new.search_external_id || char(1, 1)
                WHERE new.status = 'published';
        END;
        """

    /// The list's sort keys and filters (console `s` and `f`, the search API's `sort` and
    /// `filters`) at a million customers: each order is an index walk, each filter an index range.
    private static let v2 = """
        -- Text orders sort folded first, then exactly, then by seq (see CriteriaPlan): the index
        -- gives the folded order, and the few rows equal when folded are sorted as they come.
        -- (The exact text in the index too would double its size and its cost to every write.)
        -- Names fold accents too (NameSortKey: Ångström with the A's), in a column of their own.
        ALTER TABLE customers ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
        UPDATE customers SET sort_name = customer_name_sort_key(name);
        CREATE INDEX customers_name_order ON customers (scope_no, status, sort_name);
        CREATE INDEX customers_email_order ON customers (scope_no, status, search_email);
        CREATE INDEX customers_updated_order ON customers (scope_no, status, updated_at);
        CREATE INDEX customers_country ON customers (scope_no, status, address_country);

        -- One row per text metadata pair; with status, so that a pair's customers of one status
        -- (and scope: seq's top bits) are one range of the primary key.
        CREATE TABLE customer_metadata (
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            status TEXT NOT NULL,
            seq INTEGER NOT NULL,               -- customers.seq
            PRIMARY KEY (key, value, status, seq)
        ) WITHOUT ROWID;

        INSERT INTO customer_metadata (key, value, status, seq)
            SELECT m.key, m.value, c.status, c.seq FROM customers AS c, json_each(c.metadata) AS m
            WHERE c.metadata IS NOT NULL AND m.type = 'text';

        CREATE TRIGGER customers_metadata_insert AFTER INSERT ON customers
            WHEN new.metadata IS NOT NULL BEGIN
            INSERT INTO customer_metadata (key, value, status, seq)
                SELECT key, value, new.status, new.seq FROM json_each(new.metadata) WHERE type = 'text';
        END;
        -- The old row's pairs are found by their primary key: no index on seq to keep up.
        CREATE TRIGGER customers_metadata_delete AFTER DELETE ON customers
            WHEN old.metadata IS NOT NULL BEGIN
            DELETE FROM customer_metadata WHERE (key, value, status, seq) IN
                (SELECT key, value, old.status, old.seq FROM json_each(old.metadata) WHERE type = 'text');
        END;
        CREATE TRIGGER customers_metadata_update AFTER UPDATE OF metadata, status, seq ON customers
            WHEN old.metadata IS NOT new.metadata OR old.status IS NOT new.status OR old.seq IS NOT new.seq BEGIN
            DELETE FROM customer_metadata WHERE old.metadata IS NOT NULL AND (key, value, status, seq) IN
                (SELECT key, value, old.status, old.seq FROM json_each(old.metadata) WHERE type = 'text');
            INSERT INTO customer_metadata (key, value, status, seq)
                SELECT key, value, new.status, new.seq FROM json_each(new.metadata)
                WHERE new.metadata IS NOT NULL AND type = 'text';
        END;
        """
}

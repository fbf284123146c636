import GRDB

/// The database schema as migrations. A shipped migration is never edited: change the schema
/// by appending a new one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-accounts-traces-settlements") { db in
            // Integers wider than SQLite's signed 64 bits are decimal TEXT; nonces are
            // 20-digit zero-padded TEXT so that text order is numeric order.
            try db.execute(sql: """
                CREATE TABLE account (
                    user TEXT PRIMARY KEY NOT NULL,
                    signer_ax TEXT NOT NULL,
                    signer_ay TEXT NOT NULL,
                    signer_key_hash TEXT NOT NULL,
                    balance TEXT NOT NULL,
                    nonce TEXT NOT NULL,
                    accepted_nonce TEXT NOT NULL,
                    reserved TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE settlement (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    status TEXT NOT NULL CHECK (status IN ('queued','proving','proved','failed','submitted','confirmed')),
                    traces_per_transition INTEGER NOT NULL,
                    error TEXT,
                    tx_hash TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE transition (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    settlement_id INTEGER NOT NULL REFERENCES settlement(id),
                    user TEXT NOT NULL REFERENCES account(user),
                    position INTEGER NOT NULL,
                    init_balance TEXT NOT NULL,
                    final_balance TEXT NOT NULL,
                    init_nonce TEXT NOT NULL,
                    final_nonce TEXT NOT NULL,
                    trace_count INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued','proving','proved','failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    timings TEXT,
                    UNIQUE (settlement_id, position)
                );
                CREATE INDEX transition_status ON transition(status, id);
                CREATE INDEX transition_user ON transition(user, final_nonce);
                CREATE TABLE trace (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user TEXT NOT NULL REFERENCES account(user),
                    provider TEXT NOT NULL,
                    nonce TEXT NOT NULL,
                    fee TEXT NOT NULL,
                    request_hash TEXT NOT NULL,
                    r8x TEXT NOT NULL,
                    r8y TEXT NOT NULL,
                    s TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending','batched','settled','rejected')),
                    reason TEXT,
                    transition_id INTEGER REFERENCES transition(id),
                    received_at REAL NOT NULL,
                    UNIQUE (user, nonce)
                );
                CREATE INDEX trace_status ON trace(status, user, nonce);
                CREATE INDEX trace_transition ON trace(transition_id);
                CREATE TABLE proof (
                    transition_id INTEGER PRIMARY KEY NOT NULL REFERENCES transition(id),
                    proof_json TEXT NOT NULL,
                    public_json TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-abandoned-status-and-parent-transitions") { db in
            // Settlements and transitions may be abandoned (a settle call that will never land),
            // and a transition records the transition it starts from (NULL: the on-chain state),
            // so the failure or abandonment of a settlement reaches every settlement built on
            // it. SQLite cannot alter a CHECK constraint: both tables are rebuilt (GRDB defers
            // the foreign-key check of a migration to its end).
            try db.execute(sql: """
                CREATE TABLE settlement_v2 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    status TEXT NOT NULL CHECK (status IN ('queued','proving','proved','failed','submitted','confirmed','abandoned')),
                    traces_per_transition INTEGER NOT NULL,
                    error TEXT,
                    tx_hash TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                INSERT INTO settlement_v2 SELECT id, status, traces_per_transition, error, tx_hash, created_at, updated_at
                    FROM settlement;
                CREATE TABLE transition_v2 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    settlement_id INTEGER NOT NULL REFERENCES settlement(id),
                    user TEXT NOT NULL REFERENCES account(user),
                    position INTEGER NOT NULL,
                    init_balance TEXT NOT NULL,
                    final_balance TEXT NOT NULL,
                    init_nonce TEXT NOT NULL,
                    final_nonce TEXT NOT NULL,
                    trace_count INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued','proving','proved','failed','abandoned')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    timings TEXT,
                    parent_id INTEGER REFERENCES transition(id),
                    UNIQUE (settlement_id, position)
                );
                INSERT INTO transition_v2 SELECT id, settlement_id, user, position, init_balance, final_balance, init_nonce,
                    final_nonce, trace_count, status, attempts, error, timings, NULL FROM transition;
                DROP TABLE transition;
                DROP TABLE settlement;
                ALTER TABLE settlement_v2 RENAME TO settlement;
                ALTER TABLE transition_v2 RENAME TO transition;
                CREATE INDEX transition_status ON transition(status, id);
                CREATE INDEX transition_user ON transition(user, final_nonce);
                CREATE INDEX transition_parent ON transition(parent_id);
                """)
        }
        return migrator
    }
}

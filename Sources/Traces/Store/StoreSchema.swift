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
        migrator.registerMigration("v3-chain-follower") { db in
            // The chain mode (doc/CHAIN.md): the registry's events as the follower indexed
            // them, the blocks it checked (for reorgs), each user's state folded from the
            // events, and the agent's own settle transactions. Every trace records the signer
            // key it was verified under and `signer_key` holds each key's point by its hash,
            // so a rotated-out key still proves the traces it signed. An account holds back a
            // pending withdrawal from what it can spend; a transition records the block whose
            // Settled event applied it.
            try db.execute(sql: """
                CREATE TABLE signer_key (
                    key_hash TEXT PRIMARY KEY NOT NULL,
                    ax TEXT NOT NULL,
                    ay TEXT NOT NULL
                );
                INSERT OR IGNORE INTO signer_key SELECT signer_key_hash, signer_ax, signer_ay FROM account;
                ALTER TABLE trace ADD COLUMN signer_key_hash TEXT;
                UPDATE trace SET signer_key_hash = (SELECT a.signer_key_hash FROM account a WHERE a.user = trace.user);
                ALTER TABLE account ADD COLUMN held_back TEXT NOT NULL DEFAULT '0';
                ALTER TABLE transition ADD COLUMN settled_block INTEGER;
                CREATE TABLE chain_block (
                    number INTEGER PRIMARY KEY NOT NULL,
                    hash TEXT NOT NULL,
                    timestamp INTEGER NOT NULL
                );
                CREATE TABLE chain_event (
                    block_number INTEGER NOT NULL,
                    log_index INTEGER NOT NULL,
                    tx_hash TEXT NOT NULL,
                    name TEXT NOT NULL,
                    user TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    PRIMARY KEY (block_number, log_index)
                );
                CREATE INDEX chain_event_user ON chain_event(user, block_number, log_index);
                CREATE TABLE chain_account (
                    user TEXT PRIMARY KEY NOT NULL,
                    balance TEXT NOT NULL,
                    nonce TEXT NOT NULL,
                    key_hash TEXT,
                    previous_key_hash TEXT,
                    previous_key_valid_until INTEGER NOT NULL DEFAULT 0,
                    withdrawal TEXT NOT NULL DEFAULT '0',
                    withdrawal_matures_at INTEGER NOT NULL DEFAULT 0,
                    withdrawal_expires_at INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE chain_tx (
                    hash TEXT PRIMARY KEY NOT NULL,
                    settlement_id INTEGER NOT NULL REFERENCES settlement(id),
                    nonce INTEGER NOT NULL,
                    raw TEXT NOT NULL,
                    max_fee TEXT NOT NULL,
                    tip TEXT NOT NULL,
                    gas_limit INTEGER NOT NULL,
                    sent_block INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('signed','sent','mined','reverted','replaced')),
                    mined_block INTEGER,
                    gas_used INTEGER,
                    created_at REAL NOT NULL
                );
                CREATE INDEX chain_tx_settlement ON chain_tx(settlement_id);
                """)
        }
        return migrator
    }
}

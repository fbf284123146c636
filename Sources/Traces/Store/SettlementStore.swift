import Foundation
import GRDB

/// The agent's durable state in SQLite (through GRDB, WAL mode): accounts, traces,
/// settlements with their transitions, and proofs. Every operation that changes several rows
/// runs in one transaction, so a crash leaves either all of it or none of it.
public final class SettlementStore: Sendable {
    let pool: DatabasePool
    /// The writer of `ingestGrouped`.
    let groupCommit: GroupCommit

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// Commits are synchronous (`PRAGMA synchronous = FULL`): an acknowledged write survives
    /// a crash of the process or of the machine.
    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        try StoreSchema.migrator.migrate(pool)
        self.pool = pool
        groupCommit = GroupCommit { batch in try Self.ingest(batch, into: pool) }
    }

    /// `PRAGMA integrity_check`: "ok" for a healthy database.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    static var now: Double { Date().timeIntervalSince1970 }
}

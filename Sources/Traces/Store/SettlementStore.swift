import Foundation
import GRDB

/// The agent's durable state in SQLite (through GRDB, WAL mode): accounts, traces,
/// settlements with their transitions, and proofs. Every operation that changes several rows
/// runs in one transaction, so a crash leaves either all of it or none of it.
public final class SettlementStore: Sendable {
    let pool: DatabasePool
    /// The writer of `ingestGrouped`.
    let groupCommit: GroupCommit
    let checkpointer: WALCheckpointer
    /// The most an account may owe in accepted, unsettled traces (nil: no cap beyond its
    /// balance); `serve --max-unsettled`.
    public let maxUnsettled: UInt128?

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// Commits are synchronous (`PRAGMA synchronous = FULL`): an acknowledged write survives
    /// a crash of the process or of the machine. Checkpoints run in the background
    /// (`WALCheckpointer`).
    public init(path: String, maxUnsettled: UInt128? = nil) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        try StoreSchema.migrator.migrate(pool)
        let checkpointer = try WALCheckpointer(path: path)
        self.pool = pool
        self.checkpointer = checkpointer
        self.maxUnsettled = maxUnsettled
        groupCommit = GroupCommit { batch in
            defer { checkpointer.committed() }
            return try pool.write { db in try Self.ingest(batch, in: db, maxUnsettled: maxUnsettled) }
        }
    }

    /// A write transaction (`DatabasePool.write`) whose commit the checkpointer then copies.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        defer { checkpointer.committed() }
        return try pool.write(updates)
    }

    /// `PRAGMA integrity_check`: "ok" for a healthy database.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    static var now: Double { Date().timeIntervalSince1970 }
}

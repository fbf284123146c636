import GRDB

extension SettlementStore {
    /// Commits one write, to prove the database still takes writes (disk full, a read-only
    /// file system or a lock held elsewhere make it throw). It rewrites SQLite's `user_version`
    /// header field, which nothing in the agent uses, with its own value: one page through
    /// the WAL and an fsync, no table touched.
    public func probeWrite() throws {
        try write { db in
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            try db.execute(sql: "PRAGMA user_version = \(version)")
        }
    }
}

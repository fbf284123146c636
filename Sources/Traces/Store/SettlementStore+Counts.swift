import GRDB

extension SettlementStore {
    /// How many settlements are in each status, every status listed (0 when none): one
    /// grouped read of the settlement table, for /metrics.
    public func settlementCounts() throws -> [SettlementStatus: Int] {
        let rows = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM settlement GROUP BY status")
        }
        var counts = Dictionary(uniqueKeysWithValues: SettlementStatus.allCases.map { ($0, 0) })
        for row in rows {
            if let status = SettlementStatus(rawValue: row["status"]) { counts[status] = row["n"] }
        }
        return counts
    }
}

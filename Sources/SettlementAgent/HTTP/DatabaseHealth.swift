import Foundation
import Synchronization
import Traces

/// What /healthz says about the database, measured by `HealthCheckService` at start and on a
/// schedule, never by the probe itself: an unauthenticated GET must not be able to start a
/// full `PRAGMA integrity_check`. Holds the last integrity result and the last write probe.
final class DatabaseHealth: Sendable {
    struct Snapshot: Sendable {
        /// "ok", SQLite's list of problems, or nil before the first check.
        var integrity: String?
        var integrityCheckedAt: Date?
        /// Whether the last write probe committed; nil before the first.
        var writable: Bool?
        var writeError: String?
        var writeProbedAt: Date?

        var isHealthy: Bool { integrity == "ok" && writable == true }
    }

    let store: SettlementStore
    private let state = Mutex(Snapshot())

    init(store: SettlementStore) { self.store = store }

    var snapshot: Snapshot { state.withLock { $0 } }

    /// Runs `PRAGMA integrity_check` (it reads the whole database) and keeps the result.
    func checkIntegrity() {
        let result: String
        do { result = try store.integrityCheck() } catch { result = "integrity check failed: \(error)" }
        state.withLock {
            $0.integrity = result
            $0.integrityCheckedAt = Date()
        }
    }

    /// Commits a write probe (`SettlementStore.probeWrite`) and keeps whether it worked.
    func probeWrite() {
        var failure: String?
        do { try store.probeWrite() } catch { failure = "\(error)" }
        state.withLock {
            $0.writable = failure == nil
            $0.writeError = failure
            $0.writeProbedAt = Date()
        }
    }

    /// The /healthz fields: `database` (the integrity result, "unchecked" before the first
    /// check), `integrityCheckedAt`, `writable`, `writeProbedAt` (Unix seconds) and
    /// `writeError` when the last probe failed.
    var json: [String: Any] {
        let s = snapshot
        var fields: [String: Any] = ["database": s.integrity ?? "unchecked", "writable": s.writable ?? false]
        if let at = s.integrityCheckedAt { fields["integrityCheckedAt"] = at.timeIntervalSince1970.rounded() }
        if let at = s.writeProbedAt { fields["writeProbedAt"] = at.timeIntervalSince1970.rounded() }
        if let error = s.writeError { fields["writeError"] = error }
        return fields
    }
}

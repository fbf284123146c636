import Groth16

/// Ingestion end to end for already-parsed traces: signature checks outside the database
/// transaction (they are the expensive part), then one transaction for the batch. A trace
/// whose account key changed between the two steps is checked again once.
public struct TraceIngestor: Sendable {
    public let store: SettlementStore
    public let verifier: TraceVerifier

    public init(store: SettlementStore, verifier: TraceVerifier) {
        self.store = store
        self.verifier = verifier
    }

    /// Verifies and stores `traces` in order; one result per trace.
    public func ingest(_ traces: [RequestTrace]) throws -> [Result<IngestOutcome, TraceRejection>] {
        var results = try attempt(traces)
        let retry = results.indices.filter { results[$0] == .failure(.signerKeyChanged) }
        if !retry.isEmpty {
            let again = try attempt(retry.map { traces[$0] })
            for (i, r) in zip(retry, again) { results[i] = r }
        }
        return results
    }

    private func attempt(_ traces: [RequestTrace]) throws -> [Result<IngestOutcome, TraceRejection>] {
        var accounts: [Address: Account?] = [:]
        for user in Set(traces.map(\.user)) { accounts[user] = try store.account(user) }
        let checked = traces.map { t in verifier.verify(t, account: accounts[t.user] ?? nil) }
        let verified = checked.compactMap { try? $0.get() }
        var stored = try store.ingest(verified).makeIterator()
        return checked.map { result in
            switch result {
            case .success: return stored.next()!
            case let .failure(reason): return .failure(reason)
            }
        }
    }
}

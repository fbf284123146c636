import Groth16

/// Ingestion end to end for already-parsed traces: signature checks outside the database
/// transaction (they are the expensive part), then one transaction for the batch. A trace
/// whose account key changed between the two steps is checked again once.
public struct TraceIngestor: Sendable {
    public typealias Outcomes = [Result<IngestOutcome, TraceRejection>]
    public let store: SettlementStore
    public let verifier: TraceVerifier

    public init(store: SettlementStore, verifier: TraceVerifier) {
        self.store = store
        self.verifier = verifier
    }

    /// Verifies and stores `traces` in order, in a transaction of their own; one result per trace.
    public func ingest(_ traces: [RequestTrace]) throws -> Outcomes {
        var results = try merge(check(traces)) { try store.ingest($0) }
        let retry = Self.keyChanged(results)
        if !retry.isEmpty {
            let again = try merge(check(retry.map { traces[$0] })) { try store.ingest($0) }
            for (i, r) in zip(retry, again) { results[i] = r }
        }
        return results
    }

    /// `ingest(_:)` for the service: the signatures are checked on the caller's task, the
    /// writes go through the store's group commit (`SettlementStore.ingestGrouped`).
    public func submit(_ traces: [RequestTrace]) async throws -> Outcomes {
        var checked = try check(traces)
        var results = Self.merge(checked, try await store.ingestGrouped(checked.compactMap { try? $0.get() }))
        let retry = Self.keyChanged(results)
        if !retry.isEmpty {
            checked = try check(retry.map { traces[$0] })
            let again = Self.merge(checked, try await store.ingestGrouped(checked.compactMap { try? $0.get() }))
            for (i, r) in zip(retry, again) { results[i] = r }
        }
        return results
    }

    /// Each trace verified against its account's key as stored now.
    private func check(_ traces: [RequestTrace]) throws -> [Result<VerifiedTrace, TraceRejection>] {
        let accounts = try store.accounts(Set(traces.map(\.user)))
        return traces.map { t in verifier.verify(t, account: accounts[t.user]) }
    }

    private func merge(_ checked: [Result<VerifiedTrace, TraceRejection>],
                       _ write: ([VerifiedTrace]) throws -> Outcomes) throws -> Outcomes {
        Self.merge(checked, try write(checked.compactMap { try? $0.get() }))
    }

    /// The store's outcomes of the verified traces, in place among the refused ones.
    private static func merge(_ checked: [Result<VerifiedTrace, TraceRejection>], _ stored: Outcomes) -> Outcomes {
        var next = stored.makeIterator()
        return checked.map { result in
            switch result {
            case .success: return next.next()!
            case let .failure(reason): return .failure(reason)
            }
        }
    }

    private static func keyChanged(_ results: Outcomes) -> [Int] {
        results.indices.filter { results[$0] == .failure(.signerKeyChanged) }
    }
}

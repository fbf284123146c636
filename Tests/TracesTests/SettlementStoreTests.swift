import Foundation
import Testing
import Groth16
@testable import Traces

@Suite struct SettlementStoreTests {
    typealias F = TraceFixtures

    @Test func ingestionAcceptsDeduplicatesAndRejectsWithoutWriting() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        try F.register(store, alice, balance: 100, nonce: 3)
        let t4 = F.trace(user: alice, nonce: 4, fee: 30)
        let results = try store.ingest([
            F.verified(t4),
            F.verified(t4),  // the same signed trace again
            F.verified(F.trace(user: alice, nonce: 4, fee: 31)),  // same nonce, other content
            F.verified(F.trace(user: alice, nonce: 3, fee: 1)),  // not above the accepted nonce
            F.verified(F.trace(user: alice, nonce: 9, fee: 71)),  // 100 - 30 = 70 available
            F.verified(F.trace(user: F.user(2), nonce: 1, fee: 1)),  // unknown account
            F.verified(F.trace(user: alice, nonce: 5, fee: 1), key: SignerKey(ax: Fr(1), ay: Fr(2))),
            F.verified(F.trace(user: alice, nonce: 9, fee: 70)),
        ])
        guard case let .success(.accepted(id)) = results[0] else { Issue.record("\(results[0])"); return }
        #expect(results[1] == .success(.duplicate(id: id)))
        #expect(results[2] == .failure(.conflictingTrace(nonce: 4)))
        #expect(results[3] == .failure(.nonceNotIncreasing(last: 4, got: 3)))
        #expect(results[4] == .failure(.insufficientBalance(available: 70, fee: 71)))
        #expect(results[5] == .failure(.unknownAccount(F.user(2))))
        #expect(results[6] == .failure(.signerKeyChanged))
        guard case .success(.accepted) = results[7] else { Issue.record("\(results[7])"); return }
        let account = try #require(try store.account(alice))
        #expect(account.acceptedNonce == 9)
        #expect(account.reserved == 100)
        #expect(account.available == 0)
        #expect(try store.traces(matching: TraceQuery(user: alice)).count == 2)
        #expect(try store.traceCounts() == [.pending: 2])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func settlementLifecycleAdvancesOnChainState() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1), bob = F.user(2)
        try F.register(store, alice, balance: 1_000)
        try F.register(store, bob, balance: 50, nonce: 10)
        _ = try store.ingest((1...5).map { F.verified(F.trace(user: alice, nonce: UInt64($0), fee: 10)) })
        _ = try store.ingest([F.verified(F.trace(user: bob, nonce: 11, fee: 50))])
        #expect(throws: BatchingError.invalidLimit(0)) { try store.createSettlement(tracesPerTransition: 0) }
        let settlement = try #require(try store.createSettlement(tracesPerTransition: 2).settlement)
        #expect(settlement.status == .queued)
        #expect(settlement.transitions.map { $0.transition.user } == [alice, alice, alice, bob])
        #expect(settlement.transitions.map(\.traceCount) == [2, 2, 1, 1])
        #expect(settlement.transitions[2].transition == StateTransition(user: alice, initBalance: 960, finalBalance: 950, initNonce: 4, finalNonce: 5))
        #expect(settlement.transitions[3].transition == StateTransition(user: bob, initBalance: 50, finalBalance: 0, initNonce: 10, finalNonce: 11))
        #expect(try store.createSettlement(tracesPerTransition: 2).settlement == nil, "nothing left to batch")
        #expect(try store.traceCounts() == [.batched: 6])
        try proveAll(store)
        #expect(try store.settlement(id: settlement.id)?.status == .proved)
        try store.markSubmitted(settlementID: settlement.id, txHash: "0x01")
        try store.confirm(settlementID: settlement.id, txHash: "0x02")
        #expect(try store.settlement(id: settlement.id)?.status == .confirmed)
        #expect(try store.settlement(id: settlement.id)?.txHash == "0x02")
        let a = try #require(try store.account(alice))
        #expect(a.balance == 950 && a.nonce == 5 && a.reserved == 0)
        let b = try #require(try store.account(bob))
        #expect(b.balance == 0 && b.nonce == 11 && b.reserved == 0)
        #expect(try store.traceCounts() == [.settled: 6])
        #expect(throws: StoreError.self) { try store.confirm(settlementID: settlement.id, txHash: "0x03") }
    }
}

extension SettlementStoreTests {
    /// Proves every queued job with a placeholder proof record (the store does not look inside).
    func proveAll(_ store: SettlementStore) throws {
        try F.proveAll(store) { job in
            #expect(job.transition.status == .proving)
            #expect(job.traces.count == job.transition.traceCount)
            #expect(job.traces.map(\.nonce) == job.traces.map(\.nonce).sorted())
        }
    }

    @Test func chainedSettlementsAndOrderedConfirmation() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        try F.register(store, alice, balance: 100)
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10))])
        let s1 = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 2, fee: 20))])
        // Alice's first transition is still queued: the second waits.
        let waiting = try store.createSettlement(tracesPerTransition: 4)
        #expect(waiting.settlement == nil)
        #expect(waiting.skipped.map(\.reason) == [.provingInProgress])
        try proveAll(store)
        let s2 = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        #expect(s2.transitions[0].transition == StateTransition(user: alice, initBalance: 90, finalBalance: 70, initNonce: 1, finalNonce: 2))
        try proveAll(store)
        #expect(throws: StoreError.self) { try store.confirm(settlementID: s2.id, txHash: "0x02") }
        #expect(try store.account(alice)?.balance == 100, "a refused confirmation changes nothing")
        try store.confirm(settlementID: s1.id, txHash: "0x01")
        try store.confirm(settlementID: s2.id, txHash: "0x02")
        #expect(try store.account(alice)?.balance == 70)
        #expect(try store.account(alice)?.nonce == 2)
    }

    @Test func failuresRetryThenReleaseTraces() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        try F.register(store, alice, balance: 100)
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10))])
        let s = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        for attempt in 1...3 {
            let job = try #require(try store.claimNextJob())
            #expect(job.transition.attempts == attempt)
            try store.failJob(transitionID: job.transition.id, error: "boom \(attempt)", retryable: true, maxAttempts: 3)
        }
        #expect(try store.claimNextJob() == nil)
        let failed = try #require(try store.settlement(id: s.id))
        #expect(failed.status == .failed)
        #expect(failed.error?.contains("boom 3") == true)
        #expect(try store.traceCounts() == [.pending: 1])
        #expect(try store.createSettlement(tracesPerTransition: 4).settlement != nil, "released traces settle again")
    }

    @Test func interruptedJobsResume() throws {
        let (store, dir) = try F.temporaryStore()
        let alice = F.user(1)
        try F.register(store, alice, balance: 100)
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10))])
        _ = try store.createSettlement(tracesPerTransition: 4)
        _ = try #require(try store.claimNextJob())
        #expect(try store.claimNextJob() == nil, "a job in proving is not handed out twice")
        // A new process opens the same database.
        let reopened = try SettlementStore(path: dir.appendingPathComponent("agent.sqlite").path)
        #expect(try reopened.requeueInterruptedJobs() == 1)
        let job = try #require(try reopened.claimNextJob())
        #expect(job.transition.attempts == 2)
    }

    @Test func accountUpdatesRejectWhatTheChainMadeUnsettleable() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        try F.register(store, alice, balance: 100)
        _ = try store.ingest((1...4).map { F.verified(F.trace(user: alice, nonce: UInt64($0), fee: 20)) })
        // The chain says nonce 1 is used and the balance dropped to 50: nonce 1 is stale,
        // nonces 2 and 3 fit in 50 (40), nonce 4 does not.
        try F.register(store, alice, balance: 50, nonce: 1)
        let traces = try store.traces(matching: TraceQuery(user: alice))
        #expect(traces.map(\.status) == [.rejected, .pending, .pending, .rejected])
        #expect(traces[0].reason == "nonce already used on chain")
        let a = try #require(try store.account(alice))
        #expect(a.reserved == 40 && a.acceptedNonce == 3)
        // A new signer key rejects everything pending.
        try F.register(store, alice, balance: 50, nonce: 1, key: SignerKey(ax: Fr(5), ay: Fr(6)))
        #expect(try store.traceCounts() == [.rejected: 4])
        #expect(try store.account(alice)?.acceptedNonce == 1)
        // With a settlement in flight the account cannot change.
        try F.register(store, alice, balance: 50, nonce: 1, key: SignerKey(ax: Fr(5), ay: Fr(6)))
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 7, fee: 1), key: SignerKey(ax: Fr(5), ay: Fr(6)))])
        _ = try store.createSettlement(tracesPerTransition: 2)
        #expect(throws: StoreError.self) { try F.register(store, alice, balance: 60, nonce: 1) }
    }

    /// Rejected rows keep their (user, nonce): after the chain moved the account back below
    /// them, a trace at such a nonce is above acceptedNonce yet not new. The insert finds the
    /// row and answers as the lookup would; nothing else in the batch is disturbed.
    @Test func rejectedRowsAboveTheAcceptedNonceStillAnswer() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1), bob = F.user(2)
        try F.register(store, alice, balance: 100)
        try F.register(store, bob, balance: 100)
        let old = (1...3).map { F.trace(user: alice, nonce: UInt64($0), fee: 10) }
        _ = try store.ingest(old.map { F.verified($0) })
        let newKey = SignerKey(ax: Fr(5), ay: Fr(6))
        try F.register(store, alice, balance: 100, nonce: 0, key: newKey)
        #expect(try store.account(alice)?.acceptedNonce == 0)
        let results = try store.ingest([
            F.verified(F.trace(user: bob, nonce: 1, fee: 5)),
            F.verified(F.trace(user: alice, nonce: 2, fee: 10, salt: 1), key: newKey),  // row 2 is rejected, other content
            F.verified(old[2], key: newKey),  // the very trace of row 3
            F.verified(F.trace(user: alice, nonce: 4, fee: 10), key: newKey),
            F.verified(F.trace(user: bob, nonce: 2, fee: 5)),
        ])
        #expect(results[1] == .failure(.conflictingTrace(nonce: 2)))
        let rejectedID = try store.traces(matching: TraceQuery(user: alice))[2].id
        #expect(results[2] == .success(.duplicate(id: rejectedID)))
        for i in [0, 3, 4] { guard case .success(.accepted) = results[i] else { Issue.record("\(i): \(results[i])"); continue } }
        let a = try #require(try store.account(alice)), b = try #require(try store.account(bob))
        #expect(a.acceptedNonce == 4 && a.reserved == 10)
        #expect(b.acceptedNonce == 2 && b.reserved == 10)
        #expect(try store.traceCounts() == [.rejected: 3, .pending: 3])
        #expect(try store.integrityCheck() == "ok")
    }
}

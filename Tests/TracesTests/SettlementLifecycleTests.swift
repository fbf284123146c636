import Foundation
import GRDB
import Groth16
import Testing
@testable import Traces

/// Settlements that can never wedge an account (issue 14, items 1-3): a settlement built on a
/// transition whose settlement then fails or is abandoned ends with it; one account that cannot
/// be planned never fails the others; account state only moves forward.
@Suite struct SettlementLifecycleTests {
    typealias F = TraceFixtures

    static let proof = StoredProof(proofJSON: "{}", publicJSON: "[]")

    /// A store where Alice and Bob (balance 100 each) have one pending trace each (nonce 1, fee 10).
    func twoAccountsWithATraceEach() throws -> (SettlementStore, Address, Address) {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1), bob = F.user(2)
        try F.register(store, alice, balance: 100)
        try F.register(store, bob, balance: 100)
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10)), F.verified(F.trace(user: bob, nonce: 1, fee: 10))])
        return (store, alice, bob)
    }

    /// Bob's failure fails the settlement that Alice's next settlement was built on: that one
    /// must end too, or it would stay proved from a nonce the chain never reaches and every
    /// later plan for Alice would throw.
    @Test func failedSettlementEndsEverySettlementBuiltOnIt() throws {
        let (store, alice, bob) = try twoAccountsWithATraceEach()
        let first = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        // Alice's transition is proved; Bob's is claimed and still proving.
        let aliceJob = try #require(try store.claimNextJob())
        #expect(aliceJob.account.user == alice)
        try store.completeJob(transitionID: aliceJob.transition.id, proof: Self.proof, timings: [:])
        let bobJob = try #require(try store.claimNextJob())
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 2, fee: 20))])
        let second = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        #expect(second.transitions[0].transition.initNonce == 1, "pipelined on Alice's proved transition")
        #expect(second.transitions[0].parentID == aliceJob.transition.id)

        try store.failJob(transitionID: bobJob.transition.id, error: "prover crashed", retryable: false)
        #expect(try store.settlement(id: first.id)?.status == .failed)
        let dependent = try #require(try store.settlement(id: second.id))
        #expect(dependent.status == .failed)
        #expect(dependent.error == "built on settlement \(first.id), which failed")
        #expect(try store.traceCounts() == [.pending: 3])
        #expect(try store.claimNextJob() == nil, "no job of an ended settlement is handed out")

        // Everything settles again, from the on-chain state.
        let again = try store.createSettlement(tracesPerTransition: 4)
        #expect(again.skipped.isEmpty)
        let fresh = try #require(again.settlement)
        #expect(fresh.transitions.map(\.transition) == [
            StateTransition(user: alice, initBalance: 100, finalBalance: 70, initNonce: 0, finalNonce: 2),
            StateTransition(user: bob, initBalance: 100, finalBalance: 90, initNonce: 0, finalNonce: 1),
        ])
        try F.proveAll(store)
        try store.confirm(settlementID: fresh.id, txHash: "0x01")
        #expect(try store.account(alice)?.nonce == 2)
    }

    /// A job whose settlement ended while it was proving is not resurrected by its failure.
    @Test func lateFailureOfAnEndedJobChangesNothing() throws {
        let (store, _, _) = try twoAccountsWithATraceEach()
        let s = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        let a = try #require(try store.claimNextJob()), b = try #require(try store.claimNextJob())
        try store.failJob(transitionID: a.transition.id, error: "bad", retryable: false)
        #expect(throws: StoreError.self) { try store.completeJob(transitionID: b.transition.id, proof: Self.proof, timings: [:]) }
        try store.failJob(transitionID: b.transition.id, error: "late", retryable: true)
        let ended = try #require(try store.settlement(id: s.id))
        #expect(ended.status == .failed)
        #expect(ended.transitions.map(\.status) == [.failed, .failed])
        #expect(try store.claimNextJob() == nil)
    }

    @Test func oneUnplannableAccountNeverFailsTheOthers() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1), carol = F.user(3)
        try F.register(store, alice, balance: 100)
        try F.register(store, carol, balance: 100)
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10)), F.verified(F.trace(user: carol, nonce: 1, fee: 10))])
        // A database changed by hand: Carol's pending fee now exceeds her balance.
        try store.pool.write { db in try db.execute(sql: "UPDATE trace SET fee = '500' WHERE user = ?", arguments: [carol.description]) }
        let plan = try store.createSettlement(tracesPerTransition: 4)
        #expect(plan.settlement?.transitions.map(\.transition.user) == [alice])
        #expect(plan.skipped.map(\.user) == [carol])
        #expect(plan.skipped.first?.reason == .unplannable)
        #expect(plan.skipped.first?.message.contains("exceeds balance") == true)
        #expect(try store.traces(matching: TraceQuery(user: carol)).map(\.status) == [.pending], "the skipped account is untouched")
    }

    @Test func namedAccountsThatCannotSettleAreListed() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1), bob = F.user(2)
        try F.register(store, alice, balance: 100)
        let plan = try store.createSettlement(tracesPerTransition: 4, users: [alice, bob])
        #expect(plan.settlement == nil)
        #expect(plan.skipped.map(\.reason) == [.noPendingTraces, .unknownAccount])
    }

    @Test func abandonedSettlementReleasesItsTracesAndEveryLaterOne() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        try F.register(store, alice, balance: 100)
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10))])
        let first = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        #expect(throws: StoreError.self, "a queued settlement is not abandoned") {
            try store.abandon(settlementID: first.id, reason: "x")
        }
        try F.proveAll(store)
        try store.markSubmitted(settlementID: first.id, txHash: "0x01")
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 2, fee: 10))])
        let second = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        try F.proveAll(store)
        #expect(throws: StoreError.self, "in flight, the account cannot be updated") { try F.register(store, alice, balance: 90, nonce: 0) }

        #expect(try store.abandon(settlementID: first.id, reason: "settle reverted") == [first.id, second.id])
        let a = try #require(try store.settlement(id: first.id)), b = try #require(try store.settlement(id: second.id))
        #expect(a.status == .abandoned && a.error == "settle reverted")
        #expect(b.status == .abandoned && b.error == "built on settlement \(first.id), which was abandoned")
        #expect((a.transitions + b.transitions).allSatisfy { $0.status == .abandoned })
        #expect(try store.traceCounts() == [.pending: 2])
        #expect(throws: StoreError.self, "abandoned is final") { try store.confirm(settlementID: first.id, txHash: "0x02") }
        #expect(throws: StoreError.self) { try store.abandon(settlementID: first.id, reason: "again") }
        try F.register(store, alice, balance: 100, nonce: 0)  // updatable again
        let retry = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        #expect(retry.transitions.map(\.transition) == [StateTransition(user: alice, initBalance: 100, finalBalance: 80, initNonce: 0, finalNonce: 2)])
        #expect(retry.transitions[0].parentID == nil)
    }

    @Test func staleAccountReportIsRefusedAndChangesNothing() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        try F.register(store, alice, balance: 100)
        _ = try store.ingest((1...3).map { F.verified(F.trace(user: alice, nonce: UInt64($0), fee: 10)) })
        let s = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        try F.proveAll(store)
        try store.confirm(settlementID: s.id, txHash: "0x01")
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 4, fee: 10))])
        let before = try store.account(alice)
        let traces = try store.traces(matching: TraceQuery(user: alice))
        #expect(throws: StoreError.staleAccountState("account \(alice): nonce 0 is below nonce 3, which the agent confirmed on chain; account state only moves forward")) {
            try F.register(store, alice, balance: 100, nonce: 0)
        }
        #expect(try store.account(alice) == before)
        #expect(try store.traces(matching: TraceQuery(user: alice)) == traces)
        try F.register(store, alice, balance: 75, nonce: 3)  // a deposit or withdrawal at the confirmed nonce
        #expect(try store.account(alice)?.balance == 75)
        try F.register(store, alice, balance: 75, nonce: 4)
        #expect(try store.traces(matching: TraceQuery(user: alice)).last?.status == .rejected)
    }
}

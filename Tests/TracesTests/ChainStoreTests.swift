import Foundation
import Testing
import Groth16
@testable import Traces

/// The store in chain mode: accounts folded from the registry's events and projected onto
/// what the agent accepts, settlements decided by Settled and SettlementSkipped events, and
/// reorgs rolled back to the fork point (doc/CHAIN.md, "Following the registry").
@Suite struct ChainStoreTests {
    typealias F = TraceFixtures

    static let t0: UInt64 = 1_700_000_000
    static let oldKey = F.key
    static let newKey = SignerKey(ax: Fr(21), ay: Fr(22))

    /// Applies `events` as the logs of block `number` (one transaction hash for all) with the
    /// block time `time`.
    @discardableResult
    static func block(_ store: SettlementStore, _ number: UInt64, time: UInt64? = nil, tx: String = hash(0xee),
                      _ events: [RegistryEvent] = []) throws -> ChainSync {
        let head = ChainBlock(number: number, hash: hash(UInt8(number)), timestamp: time ?? t0 + number * 12)
        let logs = events.enumerated().map { ChainLog(blockNumber: number, logIndex: UInt64($0.offset), transactionHash: tx, event: $0.element) }
        return try store.applyChain(logs: logs, checked: [], through: head)
    }

    static func hash(_ byte: UInt8) -> String { "0x" + String(repeating: String(format: "%02x", byte), count: 32) }

    /// A store where `user` deposited `balance` and registered `oldKey` in block 1, published.
    static func funded(_ users: [Address], balance: UInt128 = 100, maxUnsettled: UInt128? = nil) throws -> SettlementStore {
        let (store, _) = try F.temporaryStore(maxUnsettled: maxUnsettled)
        try block(store, 1, users.flatMap { [RegistryEvent.deposited(user: $0, amount: balance, balance: balance),
                                             .signerKeyRegistered(user: $0, keyHash: oldKey.hash)] })
        #expect(try store.publishSignerKey(oldKey) == users.sorted())
        return store
    }

    @Test func eventsMakeTheAccountAndOnlyItsPublishedKeySigns() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        let sync = try Self.block(store, 1, [.deposited(user: alice, amount: 100, balance: 100),
                                             .signerKeyRegistered(user: alice, keyHash: Self.oldKey.hash)])
        #expect(sync.users == [alice])
        let account = try #require(try store.account(alice))
        #expect(account.balance == 100 && account.nonce == 0 && account.signerKeyHash == Self.oldKey.hash)
        #expect(account.signerKey == .unpublished)
        #expect(try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10))]) == [.failure(.signerKeyChanged)])
        #expect(try store.publishSignerKey(Self.newKey) == [], "no account registered that key")
        #expect(try store.publishSignerKey(Self.oldKey) == [alice])
        #expect(try store.account(alice)?.signerKey == Self.oldKey)
        guard case .success(.accepted) = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10))])[0] else {
            Issue.record("a trace under the published key is accepted"); return
        }
        #expect(try store.chainAccounts()[alice]?.balance == 100)
        #expect(try store.chainEvents(user: alice).map(\.event.name) == ["Deposited", "SignerKeyRegistered"])
        #expect(try store.chainCursor()?.number == 1)
    }

    @Test func aWithdrawalRequestHoldsBackUntilItLapsesAndKeepsWhatWasAccepted() throws {
        let alice = F.user(1)
        let store = try Self.funded([alice])
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 30))])
        let requestedAt = Self.t0 + 24
        try Self.block(store, 2, time: requestedAt, [.withdrawalRequested(user: alice, amount: 60, maturesAt: requestedAt + 100,
                                                                          expiresAt: requestedAt + 200)])
        let held = try #require(try store.account(alice))
        #expect(held.heldBack == 60 && held.reserved == 30 && held.available == 10)
        #expect(try store.traceCounts() == [.pending: 1], "what was accepted before stays accepted")
        #expect(try store.ingest([F.verified(F.trace(user: alice, nonce: 2, fee: 11))])
                == [.failure(.insufficientBalance(available: 10, fee: 11))])
        #expect(try store.pendingAccounts().first?.withdrawalMaturesAt == requestedAt + 100)
        // A block past the window, with no event of alice's: the request lapses.
        try Self.block(store, 3, time: requestedAt + 200)
        #expect(try store.account(alice)?.heldBack == 0)
        #expect(try store.pendingAccounts().first?.withdrawalMaturesAt == nil)
        guard case .success(.accepted) = try store.ingest([F.verified(F.trace(user: alice, nonce: 2, fee: 70))])[0] else {
            Issue.record("the lapsed request holds nothing back"); return
        }
    }

    @Test func anExecutedWithdrawalRejectsWhatTheRestNoLongerCovers() throws {
        let alice = F.user(1)
        let store = try Self.funded([alice])
        _ = try store.ingest([10, 20, 30].enumerated().map { F.verified(F.trace(user: alice, nonce: UInt64($0.offset + 1), fee: $0.element)) })
        try Self.block(store, 2, [.withdrawn(user: alice, amount: 60, balance: 40)])
        let statuses = try store.traces(matching: TraceQuery(user: alice)).map(\.status)
        #expect(statuses == [.pending, .pending, .rejected], "10 + 20 fit in 40, the 30 after them does not")
        #expect(try store.account(alice)?.reserved == 30)
    }

    @Test func aSettledEventConfirmsTheTransitionAndAReorgPutsItBack() throws {
        let alice = F.user(1)
        let store = try Self.funded([alice])
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10)), F.verified(F.trace(user: alice, nonce: 2, fee: 10))])
        let settlement = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        try F.proveAll(store)
        try store.markSubmitted(settlementID: settlement.id, txHash: Self.hash(0x51))
        let sync = try Self.block(store, 2, tx: Self.hash(0x51),
                                  [.settled(user: alice, initNonce: 0, finalNonce: 2, amount: 20, balance: 80)])
        #expect(sync.confirmed == [settlement.id])
        #expect(try store.settlement(id: settlement.id)?.status == .confirmed)
        #expect(try store.settlement(id: settlement.id)?.transitions.first?.settledBlock == 2)
        #expect(try store.traceCounts() == [.settled: 2])
        let settled = try #require(try store.account(alice))
        #expect(settled.balance == 80 && settled.nonce == 2 && settled.reserved == 0)

        let rolled = try store.rollBackChain(after: 1)
        #expect(rolled.reverted == [settlement.id] && rolled.users == [alice])
        #expect(try store.settlement(id: settlement.id)?.status == .submitted)
        #expect(try store.traceCounts() == [.batched: 2])
        let reverted = try #require(try store.account(alice))
        #expect(reverted.balance == 100 && reverted.nonce == 0 && reverted.reserved == 20)
        #expect(try store.chainCursor()?.number == 1)

        // Mined again on the new branch: confirmed once more, paid once.
        #expect(try Self.block(store, 2, tx: Self.hash(0x51),
                               [.settled(user: alice, initNonce: 0, finalNonce: 2, amount: 20, balance: 80)]).confirmed == [settlement.id])
        #expect(try store.account(alice)?.balance == 80)
    }

    @Test func aSkipAbandonsOnlyTheSkippedAccountAndReturnsItsTraces() throws {
        let (alice, bob) = (F.user(1), F.user(2))
        let store = try Self.funded([alice, bob])
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10)), F.verified(F.trace(user: bob, nonce: 1, fee: 15))])
        let settlement = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        try F.proveAll(store)
        let tx = Self.hash(0x52)
        try store.recordSigned(SettleTransaction(hash: tx, settlementID: settlement.id, nonce: 0, raw: "0x02", maxFeePerGas: 2,
                                                 maxPriorityFeePerGas: 1, gasLimit: 500_000, sentBlock: 1))
        let sync = try Self.block(store, 2, tx: tx, [.settlementSkipped(user: alice.fieldElement, index: 0, reason: 1),
                                                     .settled(user: bob, initNonce: 0, finalNonce: 1, amount: 15, balance: 85)])
        let aliceTransition = try #require(settlement.transitions.first { $0.transition.user == alice })
        #expect(sync.skipped.map(\.transitionID) == [aliceTransition.id] && sync.skipped.map(\.reason) == [1])
        #expect(sync.confirmed == [settlement.id])
        let after = try #require(try store.settlement(id: settlement.id))
        #expect(after.status == .confirmed)
        #expect(after.transitions.map(\.status) == after.transitions.map { $0.transition.user == alice ? .abandoned : .proved })
        #expect(try store.traces(matching: TraceQuery(user: alice)).map(\.status) == [.pending])
        #expect(try store.traces(matching: TraceQuery(user: bob)).map(\.status) == [.settled])
        let returned = try #require(try store.account(alice))
        #expect(returned.balance == 100 && returned.reserved == 10)
        // The returned trace settles again in a new settlement from the chain's state.
        let again = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        #expect(again.transitions.map(\.transition) == [StateTransition(user: alice, initBalance: 100, finalBalance: 90, initNonce: 0, finalNonce: 1)])
    }

    @Test func anEveryAccountSkipAbandonsTheSettlement() throws {
        let alice = F.user(1)
        let store = try Self.funded([alice])
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10))])
        let settlement = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        try F.proveAll(store)
        try store.markSubmitted(settlementID: settlement.id, txHash: Self.hash(0x53))
        let sync = try Self.block(store, 2, tx: Self.hash(0x53), [.settlementSkipped(user: alice.fieldElement, index: 0, reason: 2)])
        #expect(sync.abandoned == [settlement.id])
        #expect(try store.settlement(id: settlement.id)?.status == .abandoned)
        #expect(try store.traceCounts() == [.pending: 1])
    }

    @Test func aSettleByAnotherHandRejectsThePendingTracesItsNoncePasses() throws {
        let alice = F.user(1)
        let store = try Self.funded([alice])
        _ = try store.ingest((1...3).map { F.verified(F.trace(user: alice, nonce: UInt64($0), fee: 10)) })
        try Self.block(store, 2, [.settled(user: alice, initNonce: 0, finalNonce: 2, amount: 25, balance: 75)])
        #expect(try store.traces(matching: TraceQuery(user: alice)).map(\.status) == [.rejected, .rejected, .pending])
        let account = try #require(try store.account(alice))
        #expect(account.nonce == 2 && account.acceptedNonce == 3 && account.reserved == 10 && account.balance == 75)
    }

    @Test func aReorgThatRemovesADepositRejectsWhatItPaidFor() throws {
        let (alice, bob) = (F.user(1), F.user(2))
        let store = try Self.funded([alice, bob], balance: 0)
        try Self.block(store, 2, [.deposited(user: alice, amount: 50, balance: 50)])
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 40))])
        let rolled = try store.rollBackChain(after: 1)
        #expect(rolled.users == [alice], "only the users with events after the fork are folded again")
        #expect(try store.account(alice)?.balance == 0)
        #expect(try store.traces(matching: TraceQuery(user: alice)).map(\.status) == [.rejected])
        #expect(try store.chainEvents(user: alice).map(\.event.name) == ["Deposited", "SignerKeyRegistered"])
        #expect(try store.chainCursor()?.number == 1)
        #expect(try store.checkedBlocks(atOrBelow: 5, limit: 10).map(\.number) == [1])
    }

    @Test func aRotationStopsTheOldKeyAtOnceAndItsTracesWhenTheThawEnds() throws {
        let alice = F.user(1)
        let store = try Self.funded([alice])
        _ = try store.ingest([F.verified(F.trace(user: alice, nonce: 1, fee: 10), key: Self.oldKey)])
        let rotatedAt = Self.t0 + 24
        try Self.block(store, 2, time: rotatedAt, [.signerKeyRotated(user: alice, oldKeyHash: Self.oldKey.hash,
                                                                     newKeyHash: Self.newKey.hash, oldKeyValidUntil: rotatedAt + 100)])
        #expect(try store.account(alice)?.signerKey == .unpublished, "the new key's point is not known yet")
        #expect(try store.ingest([F.verified(F.trace(user: alice, nonce: 2, fee: 10), key: Self.oldKey)]) == [.failure(.signerKeyChanged)])
        #expect(try store.pendingAccounts().first?.keyValidUntil == rotatedAt + 100)
        #expect(try store.publishSignerKey(Self.newKey) == [alice])
        guard case .success(.accepted) = try store.ingest([F.verified(F.trace(user: alice, nonce: 2, fee: 10), key: Self.newKey)])[0] else {
            Issue.record("the new key signs"); return
        }
        // Both keys' traces pending: one transition per key, each proved under its own key.
        let settlement = try #require(try store.createSettlement(tracesPerTransition: 4).settlement)
        #expect(settlement.transitions.map(\.traceCount) == [1, 1])
        var keys: [SignerKey] = []
        try F.proveAll(store) { keys.append($0.account.signerKey) }
        #expect(keys == [Self.oldKey, Self.newKey])
        _ = try store.abandon(settlementID: settlement.id, reason: "test")
        // The thaw ends: the old key's trace no longer settles, the new key's does.
        try Self.block(store, 3, time: rotatedAt + 100)
        #expect(try store.traces(matching: TraceQuery(user: alice)).map(\.status) == [.rejected, .pending])
        #expect(try store.pendingAccounts().first?.keyValidUntil == nil)
    }

    @Test func theUnsettledCapLimitsWhatOneAccountOwes() throws {
        let alice = F.user(1)
        let store = try Self.funded([alice], maxUnsettled: 50)
        let results = try store.ingest([30, 30, 20].enumerated().map { F.verified(F.trace(user: alice, nonce: UInt64($0.offset + 1), fee: $0.element)) })
        guard case .success(.accepted) = results[0], case .success(.accepted) = results[2] else { Issue.record("\(results)"); return }
        #expect(results[1] == .failure(.unsettledCap(cap: 50, unsettled: 30, fee: 30)))
        #expect(try store.account(alice)?.reserved == 50)
    }
}

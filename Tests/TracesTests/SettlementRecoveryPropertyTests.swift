import Foundation
import Groth16
import TestSupport
import Testing
@testable import Traces

/// Random job failures, restarts, abandonments and confirmations across many accounts: after
/// every step each live settlement starts where the chain will be when it lands (on the
/// on-chain state or on a live settlement), "settle all" never throws (it is one of the random
/// steps), and in the end every account settles every trace it accepted.
@Suite struct SettlementRecoveryPropertyTests {
    typealias F = TraceFixtures

    /// What the test keeps of the world: the chain's state of each account, the next nonce to sign.
    struct Model {
        var chain: [Address: (balance: UInt128, nonce: UInt64)] = [:]
        var nextNonce: [Address: UInt64] = [:]
        var accepted: [Address: UInt128] = [:]
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func everyAccountCanAlwaysBeSettledAgain(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let (store, dir) = try F.temporaryStore()
        var current = store
        let users = (1...8).map(F.user)
        var model = Model()
        for user in users {
            try F.register(store, user, balance: 10_000)
            model.chain[user] = (10_000, 0)
            model.nextNonce[user] = 1
            model.accepted[user] = 0
        }
        for _ in 0..<400 {
            switch rng.next() % 10 {
            case 0, 1, 2:
                let user = users[Int(rng.next() % UInt64(users.count))]
                let nonce = model.nextNonce[user]!
                model.nextNonce[user] = nonce + 1 + rng.next() % 2
                let fee = UInt128(1 + rng.next() % 20)
                if case .success(.accepted) = try current.ingest([F.verified(F.trace(user: user, nonce: nonce, fee: fee))])[0] {
                    model.accepted[user]! += fee
                }
            case 3:
                let subset = rng.next() % 2 == 0 ? nil : users.filter { _ in rng.next() % 2 == 0 }
                _ = try current.createSettlement(tracesPerTransition: 1 + Int(rng.next() % 3), users: subset)
            case 4, 5:
                guard let job = try current.claimNextJob() else { break }
                switch rng.next() % 4 {
                case 0: try current.failJob(transitionID: job.transition.id, error: "injected", retryable: rng.next() % 2 == 0)
                case 1: break  // left proving: the process dies below or another job runs
                default: try current.completeJob(transitionID: job.transition.id, proof: StoredProof(proofJSON: "{}", publicJSON: "[]"), timings: [:])
                }
            case 6:
                // A restart: a new process opens the database and resumes interrupted jobs.
                current = try SettlementStore(path: dir.appendingPathComponent("agent.sqlite").path)
                try current.requeueInterruptedJobs()
            case 7:
                try land(current, &model, rng: &rng)
            case 8:
                let live = try current.settlements(limit: 1_000).filter { [.proved, .submitted].contains($0.status) }
                if let victim = live.randomElement(using: &rng) {
                    try current.abandon(settlementID: victim.id, reason: "dropped")
                }
            default:
                let proved = try current.settlements(limit: 1_000).filter { $0.status == .proved }
                if let s = proved.randomElement(using: &rng) { try current.markSubmitted(settlementID: s.id, txHash: "0x01") }
            }
            try checkInvariants(current, model)
        }
        // Drain: prove, land and settle again until nothing is pending or batched.
        for _ in 0..<50 {
            _ = try current.requeueInterruptedJobs()
            let plan = try current.createSettlement(tracesPerTransition: 3)
            #expect(plan.skipped.allSatisfy { $0.reason == .provingInProgress })
            try F.proveAll(current)
            while try land(current, &model, rng: &rng) {}
            let counts = try current.traceCounts()
            if counts[.pending, default: 0] == 0 && counts[.batched, default: 0] == 0 { break }
        }
        let counts = try current.traceCounts()
        #expect(counts[.pending, default: 0] == 0 && counts[.batched, default: 0] == 0, "every account settled: \(counts)")
        #expect(counts[.rejected, default: 0] == 0)
        for user in users {
            let account = try #require(try current.account(user))
            #expect(account.balance == 10_000 - model.accepted[user]!, "\(user) paid exactly what it accepted")
            #expect(account.reserved == 0)
        }
    }

    /// The chain mines the oldest proved or submitted settlement whose transitions all start at
    /// the chain's state, and the agent confirms it. Returns whether one landed.
    @discardableResult
    func land(_ store: SettlementStore, _ model: inout Model, rng: inout SeededGenerator) throws -> Bool {
        let candidates = try store.settlements(limit: 1_000).filter { [.proved, .submitted].contains($0.status) }
            .sorted { $0.id < $1.id }
        for s in candidates {
            var chain = model.chain
            let lands = s.transitions.sorted { $0.position < $1.position }.allSatisfy { t in
                let state = chain[t.transition.user]!
                guard state.nonce == t.transition.initNonce && state.balance == t.transition.initBalance else { return false }
                chain[t.transition.user] = (t.transition.finalBalance, t.transition.finalNonce)
                return true
            }
            guard lands else { continue }
            try store.confirm(settlementID: s.id, txHash: "0x02")
            model.chain = chain
            return true
        }
        return false
    }

    func checkInvariants(_ store: SettlementStore, _ model: Model) throws {
        let settlements = try store.settlements(limit: 10_000)
        let byTransition = Dictionary(uniqueKeysWithValues: settlements.flatMap { s in s.transitions.map { ($0.id, ($0, s)) } })
        for s in settlements where ![.failed, .abandoned, .confirmed].contains(s.status) {
            for t in s.transitions {
                if let parentID = t.parentID {
                    let (parent, parentSettlement) = try #require(byTransition[parentID])
                    #expect(![.failed, .abandoned].contains(parentSettlement.status),
                            "settlement \(s.id) lives on top of ended settlement \(parentSettlement.id)")
                    #expect(parent.transition.finalNonce == t.transition.initNonce && parent.transition.finalBalance == t.transition.initBalance)
                } else {
                    let account = try #require(try store.account(t.transition.user))
                    #expect(account.nonce == t.transition.initNonce && account.balance == t.transition.initBalance,
                            "settlement \(s.id) starts from the on-chain state")
                }
            }
        }
        for (user, _) in model.chain {
            let account = try #require(try store.account(user))
            let traces = try store.traces(matching: TraceQuery(user: user, limit: 10_000))
            let reserved = traces.filter { [.pending, .batched].contains($0.status) }.reduce(UInt128(0)) { $0 + $1.trace.fee }
            #expect(account.reserved == reserved)
            #expect(reserved <= account.balance)
        }
    }
}

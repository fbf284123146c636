import Testing
import Groth16
@testable import Traces

@Suite struct TransitionPlannerTests {
    let user = TraceFixtures.user(1)

    @Test func chunksChainFromEachOther() throws {
        let traces = (1...10).map { PendingTrace(id: Int64($0), nonce: UInt64($0 * 2), fee: UInt128($0)) }
        let plans = try TransitionPlanner.plan(user: user, startBalance: 100, startNonce: 1, traces: traces, limit: 4)
        #expect(plans.count == 3)
        #expect(plans.map { $0.traceIDs.count } == [4, 4, 2])
        #expect(plans[0].transition == StateTransition(user: user, initBalance: 100, finalBalance: 90, initNonce: 1, finalNonce: 8))
        for (a, b) in zip(plans, plans.dropFirst()) {
            #expect(a.transition.finalBalance == b.transition.initBalance)
            #expect(a.transition.finalNonce == b.transition.initNonce)
        }
        #expect(plans.last!.transition.finalBalance == 100 - 55)
        #expect(plans.last!.transition.finalNonce == 20)
    }

    @Test func refusesUnprovableSequences() throws {
        #expect(throws: BatchingError.nonceNotIncreasing(user: user, previous: 5, next: 5)) {
            try TransitionPlanner.plan(user: user, startBalance: 10, startNonce: 5,
                                       traces: [PendingTrace(id: 1, nonce: 5, fee: 1)], limit: 2)
        }
        #expect(throws: BatchingError.overdraft(user: user, nonce: 7, balance: 1, fee: 2)) {
            try TransitionPlanner.plan(user: user, startBalance: 2, startNonce: 5,
                                       traces: [PendingTrace(id: 1, nonce: 6, fee: 1), PendingTrace(id: 2, nonce: 7, fee: 2)], limit: 2)
        }
        #expect(throws: BatchingError.invalidLimit(0)) {
            try TransitionPlanner.plan(user: user, startBalance: 2, startNonce: 5, traces: [], limit: 0)
        }
        #expect(try TransitionPlanner.plan(user: user, startBalance: 2, startNonce: 5, traces: [], limit: 3).isEmpty)
    }
}

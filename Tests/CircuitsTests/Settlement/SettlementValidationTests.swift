import Testing
import TestSupport
@testable import Circuits

/// The native validation names the first problem (trace and field) before any constraint is
/// built; every error it can throw is produced here.
@Suite struct SettlementValidationTests {
    static let slots = 4

    /// A valid input of three traces (nonces 10, 11, 15; fees 40, 0, 60 from balance 100).
    static func valid() throws -> (SettlementFixture, SettlementWitnessInput) {
        var f = SettlementFixture(seed: 3000)
        let traces = [f.trace(nonce: 10, fee: 40), f.trace(nonce: 11, fee: 0), f.trace(nonce: 15, fee: 60)]
        let input = try SettlementWitnessInput.transition(domain: f.domain, provider: f.provider, user: f.user,
                                                          signerKey: f.signerKey, initNonce: 9, initBalance: 100,
                                                          traces: traces, slots: slots)
        return (f, input)
    }

    func expectError(_ expected: SettlementInputError, slots: Int = Self.slots, _ input: SettlementWitnessInput,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try input.validate(slots: slots) }
        #expect(throws: expected, sourceLocation: sourceLocation) {
            _ = try SettlementCircuit(traces: slots).build(mode: .witnessOnly, input: input)
        }
    }

    @Test func validInputPasses() throws {
        let (_, input) = try Self.valid()
        #expect(input.statement.finalNonce == 15 && input.statement.finalBalance == 0)
        try input.validate(slots: 3)
        #expect(try SettlementCircuit(traces: 3).build(mode: .full, input: input).firstUnsatisfiedConstraint() == nil)
    }

    @Test func sizes() throws {
        let (_, input) = try Self.valid()
        expectError(.tooManyTraces(count: 3, limit: 2), slots: 2, input)
        #expect(throws: SettlementInputError.traceCountOutOfRange(0)) { try input.validate(slots: 0) }
        #expect(throws: SettlementInputError.traceCountOutOfRange(0)) { try SettlementCircuit(traces: 0) }
        #expect(throws: SettlementInputError.traceCountOutOfRange(1025)) { try SettlementCircuit(traces: 1025) }
        var empty = input
        empty.traces = []
        empty.statement.finalNonce = 9
        empty.statement.finalBalance = 100
        expectError(.emptyTransition, empty)
    }

    @Test func statementErrors() throws {
        let (_, input) = try Self.valid()
        var c = input
        c.statement.user = Fr(reducing: BigInteger(1) << 160)
        expectError(.addressOutOfRange(field: "user"), c)
        c = input
        c.statement.provider = -Fr.one
        expectError(.addressOutOfRange(field: "provider"), c)
        c = input
        c.signerKey = .init(uncheckedX: input.signerKey.x, y: input.signerKey.y + .one)
        expectError(.invalidSignerKey, c)
        c = input
        c.signerKey = .identity
        expectError(.invalidSignerKey, c)
        c = input
        c.statement.signerKeyHash += .one
        expectError(.signerKeyHashMismatch(expected: input.statement.signerKeyHash, got: c.statement.signerKeyHash), c)
        c = input
        c.statement.finalNonce = 14
        expectError(.finalNonceMismatch(expected: 15, got: 14), c)
        c = input
        c.statement.finalBalance = 1
        expectError(.finalBalanceMismatch(expected: 0, got: 1), c)
        c = input
        c.statement.domain = SettlementStatement.domain(chainId: 1, settlementContract: Fr(1))
        expectError(.invalidSignature(trace: 0), c)
    }

    @Test func traceErrors() throws {
        var (f, input) = try Self.valid()
        var c = input
        c.traces[1] = f.trace(nonce: 10, fee: 0)
        expectError(.nonceNotIncreasing(trace: 1, previous: 10, got: 10), c)
        c = input
        c.traces[0] = f.trace(nonce: 9, fee: 40)
        expectError(.nonceNotIncreasing(trace: 0, previous: 9, got: 9), c)
        c = input
        c.traces[2] = f.trace(nonce: 15, fee: 61)
        expectError(.overdraft(trace: 2, balance: 60, fee: 61), c)
        #expect(throws: SettlementInputError.overdraft(trace: 2, balance: 60, fee: 61)) {
            try SettlementWitnessInput.transition(domain: f.domain, provider: f.provider, user: f.user, signerKey: f.signerKey,
                                                  initNonce: 9, initBalance: 100, traces: c.traces, slots: Self.slots)
        }
        c = input
        c.traces[1].signature.r8 = .init(uncheckedX: c.traces[1].signature.r8.x, y: c.traces[1].signature.r8.y + .one)
        expectError(.signaturePointNotOnCurve(trace: 1), c)
        c = input
        c.traces[1].signature.s = Fr(reducing: c.traces[1].signature.s.bigInteger + BabyJubJub.subgroupOrder)
        expectError(.signatureScalarOutOfRange(trace: 1), c)
        c = input
        c.traces[2].requestHash += .one
        expectError(.invalidSignature(trace: 2), c)
        c = input
        let other = try EdDSAPrivateKey(bytes: f.rng.bytes(32))
        c.traces[1] = f.trace(nonce: 11, fee: 0, key: other)
        expectError(.invalidSignature(trace: 1), c)
    }

    @Test func firstErrorInTraceOrder() throws {
        var (f, input) = try Self.valid()
        var c = input
        c.traces[0] = f.trace(nonce: 8, fee: 40)
        c.traces[2] = f.trace(nonce: 15, fee: 1000)
        expectError(.nonceNotIncreasing(trace: 0, previous: 9, got: 8), c)
        #expect(throws: SettlementInputError.nonceNotIncreasing(trace: 0, previous: 9, got: 8)) {
            try SettlementWitnessInput.transition(domain: f.domain, provider: f.provider, user: f.user, signerKey: f.signerKey,
                                                  initNonce: 9, initBalance: 100, traces: c.traces, slots: Self.slots)
        }
        #expect(SettlementInputError.nonceNotIncreasing(trace: 3, previous: 5, got: 5).description
                == "trace 3: nonce 5 does not exceed the previous nonce 5")
    }
}

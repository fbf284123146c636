import Foundation
import TestSupport
@testable import Circuits

/// What the registry scenarios share: the settlement circuit of 2 slots with development keys,
/// the accounts, proofs made by our prover, and the registry's events as expected logs.
enum RegistryScenario {
    typealias S = EVMScenario
    static let slots = 2
    static let chainId: UInt64 = 31337
    static let provingKey = DevelopmentSetup.insecureKeys(for: try! SettlementCircuit(traces: slots).r1cs())
    static var verifyingKey: VerifyingKey { provingKey.verifyingKey }

    /// The registry is the deployer's third contract (after the two verifiers), so its address,
    /// and with it the domain its constructor computes, is the same for every twin.
    static let registry = 2
    static let registryAddress = S.contractAddress(index: registry)
    static let domain = SettlementStatement.domain(chainId: chainId, settlementContract: Fr(reducingBigEndian: registryAddress))

    /// The provider 0xB0B (the fixtures' provider), a stranger, and users by number.
    static let provider = address(0xB0B)
    static let stranger = [UInt8](repeating: 0x22, count: 20)
    static let alice = address(0xA11CE)

    /// The 20-byte address of a small integer.
    static func address(_ value: UInt64) -> [UInt8] {
        [UInt8](repeating: 0, count: 12) + (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }

    /// A fixture signing for the user at `address` with the key of `seed`, in the registry's domain.
    static func fixture(seed: UInt64, user: [UInt8] = alice) -> SettlementFixture {
        SettlementFixture(seed: seed, domain: domain, user: Fr(reducingBigEndian: user))
    }

    /// A proof of a statement, with its calldata entry.
    struct Proven: Sendable {
        var statement: SettlementStatement
        var proof: Proof
        var entry: (proof: Proof, publicSignals: [Fr]) { (proof, statement.publicSignals) }
        /// The fee total the transition moves to the provider.
        var amount: UInt128 { statement.initBalance - statement.finalBalance }

        /// The same statement with A doubled: well-formed, on the curve, wrong for its statement.
        var tampered: (proof: Proof, publicSignals: [Fr]) {
            var p = proof
            p.a = p.a.jacobian.doubled().affine
            return (p, statement.publicSignals)
        }
    }

    /// Our own verifier rejected a proof our prover made.
    struct ProofRejected: Error {
        var statement: SettlementStatement
    }

    /// Proves `count` traces of `fixture` from (`initNonce`, `initBalance`); checks the proof natively.
    static func prove(_ fixture: inout SettlementFixture, traces count: Int = 1, initNonce: UInt64, initBalance: UInt128) throws -> Proven {
        let input = try fixture.input(traces: count, slots: slots, initNonce: initNonce, initBalance: initBalance)
        let witness = try SettlementCircuit(traces: slots).witness(for: input)
        let proof = try Groth16Prover(key: provingKey).prove(witness).proof
        guard try Groth16Verifier.verify(proof, publicSignals: input.statement.publicSignals, key: verifyingKey) else {
            throw ProofRejected(statement: input.statement)
        }
        return Proven(statement: input.statement, proof: proof)
    }

    /// Proves the transition that follows `previous`.
    static func prove(_ fixture: inout SettlementFixture, after previous: Proven, traces count: Int = 1) throws -> Proven {
        try prove(&fixture, traces: count, initNonce: previous.statement.finalNonce, initBalance: previous.statement.finalBalance)
    }

    static func settle(_ entries: [(proof: Proof, publicSignals: [Fr])]) -> [UInt8] {
        SettlementRegistry.settleCalldata(entries)
    }

    static func keyHash(_ fixture: SettlementFixture) -> [UInt8] {
        SettlementStatement.signerKeyHash(of: fixture.signerKey).bigEndianBytes
    }

    // MARK: expected logs

    /// The log `event(topic1, data…)` emitted by the registry.
    static func log(_ event: SettlementRegistry.Event, _ topic: [UInt8], _ data: [[UInt8]]) -> S.Log {
        S.Log(address: S.hex(registryAddress), topics: [ABIEncoding.hexDigits(event.topic), ABIEncoding.hexDigits(topic)],
              data: data.map(ABIEncoding.hexDigits).joined())
    }

    static func settled(_ p: Proven, balance: UInt128) -> S.Log {
        let s = p.statement
        return log(.settled, S.word(address: address(of: s)),
                   [S.word(UInt128(s.initNonce)), S.word(UInt128(s.finalNonce)), S.word(p.amount), S.word(balance)])
    }

    /// `SettlementSkipped(user, index, reason)`, `user` the statement's user signal.
    static func skipped(_ user: Fr, index: Int, _ reason: SettlementRegistry.SkipReason) -> S.Log {
        log(.settlementSkipped, user.bigEndianBytes, [S.word(UInt128(index)), S.word(UInt128(reason.rawValue))])
    }

    static func address(of statement: SettlementStatement) -> [UInt8] { Array(statement.user.bigEndianBytes.suffix(20)) }
}

import Circuits
import Groth16
import Testing
import Traces
@testable import SettlementAgent

/// The agent checks its proofs against the key the chain has (issue 14, item 4): a proving key
/// whose own verifying key is not the loaded `verification_key.json` is refused, naming both.
@Suite struct ProverKeyCheckTests {
    typealias H = AgentTestHarness

    @Test func zkeyWhoseKeyDiffersFromTheLoadedVerifyingKeyIsRefused() throws {
        let r1cs = try SettlementCircuit(traces: 1).r1cs()
        let ours = DevelopmentSetup.insecureKeys(for: r1cs), other = DevelopmentSetup.insecureKeys(for: r1cs)
        do {
            _ = try SettlementProver(provingKey: ours, verifyingKey: other.verifyingKey, tracesPerTransition: 1,
                                     domain: H.domain, provider: H.provider)
            Issue.record("a mismatched key was accepted")
        } catch let failure as SettlementProver.Failure {
            #expect(failure.description.contains(SettlementProver.hash(ours.verifyingKey)))
            #expect(failure.description.contains(SettlementProver.hash(other.verifyingKey)))
            #expect(!failure.retryable)
        }
        _ = try SettlementProver(provingKey: ours, verifyingKey: ours.verifyingKey, tracesPerTransition: 1,
                                 domain: H.domain, provider: H.provider)
    }
}

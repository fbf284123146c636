import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Verifier.sol and BatchVerifier.sol, as `setup` writes them, compiled with solc under the
/// default pipeline and via-IR, optimizer on and off, for the vector keys (2, 3 and 4 public
/// signals; the settlement circuit's 8 are compiled and run in CircuitsTests).
/// Regression for issue 18: BatchVerifier.sol failed with "Stack too deep" (default pipeline,
/// optimizer on) before `verifyProofs` was split into `addProof` and `finalPairing`.
@Suite(.enabled(if: Solc.isEnabled, Comment(rawValue: Solc.skipReason)))
struct SolidityCompileTests {
    @Test(arguments: Solc.Configuration.allCases)
    func generatedVerifiersCompile(_ configuration: Solc.Configuration) throws {
        for dir in ["snarkjs/tutorial_multiplier5/", "snarkjs/solidity_calldata/", "snarkjs/hermez_ptau_setup/"] {
            let vk = try VerifyingKey(snarkjsJSON: Vectors.data(dir + "verification_key.json"))
            let verifier = try Solc.bytecode(SolidityVerifier.source(vk), contract: "Groth16Verifier", configuration)
            let batch = try Solc.bytecode(SolidityBatchVerifier.source(vk), contract: "Groth16BatchVerifier", configuration)
            #expect(!verifier.isEmpty && !batch.isEmpty, "\(dir) \(vk.numPublic) signals")
        }
    }
}

import Foundation
import Testing
import TestSupport
@testable import Circuits

/// The registry's and the verifiers' Solidity and Vyper texts: the same external interface
/// (read from the Solidity with tree-sitter, from the Vyper with vyper's ABI output), and the
/// `settle` calldata. The contracts run in revm with real settlement proofs in
/// SettlementRegistryContractTests and SettlementRegistryRaceTests.
@Suite struct SettlementRegistryTests {
    struct InterfaceRequest: Encodable {
        var solidity: String
        var contract: String
        var vyper: String
    }

    struct Interfaces: Decodable {
        var solidity: [String]
        var vyper: [String]
    }

    static func interfaces(_ solidity: String, _ contract: String, _ vyper: String) throws -> Interfaces {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Support/contract_abi_oracle.py")
        return try PythonOracle.ask(script, InterfaceRequest(solidity: solidity, contract: contract, vyper: vyper))
    }

    @Test(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with vyper and tree-sitter-solidity"))
    func solidityAndVyperTwinsShareTheInterface() throws {
        let vk = try VerifyingKey(snarkjsJSON: Vectors.data("snarkjs/tutorial_multiplier5/verification_key.json"))
        let pairs = [
            (SettlementRegistry.soliditySource(), "SettlementRegistry", SettlementRegistry.vyperSource()),
            (SolidityVerifier.source(vk), "Groth16Verifier", VyperVerifier.source(vk)),
            (SolidityBatchVerifier.source(vk), "Groth16BatchVerifier", VyperVerifier.batchSource(vk)),
        ]
        for (solidity, name, vyper) in pairs {
            let found = try Self.interfaces(solidity, name, vyper)
            #expect(!found.solidity.isEmpty)
            #expect(found.solidity == found.vyper, "\(name)")
        }
        let registry = try Self.interfaces(pairs[0].0, pairs[0].1, pairs[0].2)
        #expect(registry.solidity.contains("function settle(uint256[8][],uint256[8][]) nonpayable returns (uint256)"))
        #expect(registry.solidity.contains("function deposit() payable"))
        #expect(registry.solidity.contains("function rotateSignerKey(uint256) nonpayable"))
        #expect(registry.solidity.contains("event SettlementSkipped(uint256 indexed,uint256,uint256)"))
        let events = Set(registry.solidity.filter { $0.hasPrefix("event ") }.map { line in
            line.dropFirst("event ".count).replacingOccurrences(of: " indexed", with: "")
        })
        #expect(events == Set(SettlementRegistry.Event.allCases.map(\.signature)), "SettlementRegistry.Event lists every event")
        #expect(registry.solidity.contains("constructor(\(SettlementRegistry.constructorTypes.joined(separator: ",")))"))
        // The comparison notices a difference.
        let changed = try Self.interfaces(pairs[0].0, pairs[0].1,
                                          pairs[0].2.replacingOccurrences(of: "def withdrawEarnings():", with: "def withdrawAll():"))
        #expect(changed.solidity != changed.vyper)
    }

    @Test func settleCalldataCarriesTheBatchArrays() throws {
        let dir = "snarkjs/tutorial_multiplier5/"
        let proof = try Proof(snarkjsJSON: Vectors.data(dir + "proof.json"))
        var rng = SeededGenerator(seed: 77)
        let signals = (0..<8).map { _ in Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next())) }
        let batch = [(proof: proof, publicSignals: signals), (proof: proof, publicSignals: signals.reversed())]
        let calldata = SettlementRegistry.settleCalldata(batch)
        #expect(Array(calldata.prefix(4)) == Keccak256.selector("settle(uint256[8][],uint256[8][])"))
        #expect(Array(calldata.dropFirst(4)) == Array(VerifierCalldata.verifyProofs(batch).dropFirst(4)))
        // Head: offsets of the two arrays; then k and 8 words per proof; then k and 8 signals per proof.
        let words = stride(from: 4, to: calldata.count, by: 32).map { Array(calldata[$0..<($0 + 32)]) }
        #expect(words.count == 2 + 2 * (1 + 8 * 2))
        #expect(words[0] == ABIEncoding.word(64) && words[1] == ABIEncoding.word(64 + 32 * 17))
        #expect(words[2] == ABIEncoding.word(2) && words[19] == ABIEncoding.word(2))
        #expect(Array(words[3..<11]) == proof.evmWords)
        #expect(Array(words[28..<36]) == signals.reversed().map(\.bigEndianBytes))
    }
}

import Foundation
import Testing
import TestSupport
@testable import Circuits

/// The generated on-chain Poseidon(2) (Solidity under every solc configuration, and Vyper)
/// against the native `Poseidon.hash`, on edge values and seeded random inputs.
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with vyper and pyrevm (make test sets it)"))
struct PoseidonContractCodeTests {
    static let solidityHarness = "// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\n" + PoseidonContractCode.solidityLibrary() + """
        contract PoseidonHarness {
            function hash(uint256 a, uint256 b) external pure returns (uint256) {
                return SettlementPoseidon.hash(a, b);
            }
        }

        """

    static let vyperHarness = """
        # pragma version ~=0.4.3
        R: constant(uint256) = \(SettlementRegistry.r)

        \(PoseidonContractCode.vyperFunction())

        @external
        @pure
        def hash(a: uint256, b: uint256) -> uint256:
            return self._poseidon2(a, b)

        """

    static var inputs: [(Fr, Fr)] {
        var rng = SeededGenerator(seed: 7100)
        let minusOne: Fr = Fr.zero - Fr.one
        let random = (0..<6).map { _ in
            (Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next())), Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next())))
        }
        return [(Fr.zero, Fr.zero), (Fr.one, Fr(2)), (minusOne, minusOne), (Fr(31337), Fr(reducingBigEndian: RegistryScenario.registryAddress))] + random
    }

    @Test(arguments: RegistryTwin.all)
    func matchesTheNativePoseidon(_ twin: RegistryTwin) throws {
        var scenario = EVMScenario(chainId: RegistryScenario.chainId)
        switch twin {
        case .vyper: _ = scenario.deploy(Self.vyperHarness)
        case .solidity(let configuration):
            _ = scenario.deploy(bytecode: try Solc.bytecode(Self.solidityHarness, contract: "PoseidonHarness", configuration))
        }
        let inputs = Self.inputs
        for (i, (a, b)) in inputs.enumerated() {
            scenario.call("hash \(i)", from: RegistryScenario.alice, to: 0, "hash(uint256,uint256)", [a.bigEndianBytes, b.bigEndianBytes])
        }
        let outcome = try scenario.run()
        for (i, (a, b)) in inputs.enumerated() {
            let expected = try Poseidon.hash([a, b])
            #expect(outcome["hash \(i)"].returndata == ABIEncoding.hexDigits(expected.bigEndianBytes), "Poseidon(\(a), \(b))")
        }
        print("Poseidon(2) on chain (\(twin.testDescription)): \(outcome["hash 1"].gas) gas per call, transaction included")
    }
}

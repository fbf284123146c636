import Foundation
import Testing
import TestSupport
@testable import Circuits

/// One build of the registry and its verifiers to run a scenario against: the Vyper twins
/// (compiled by the oracle) or the Solidity contracts compiled with solc under one of the four
/// configurations. Every scenario runs against each.
enum RegistryTwin: Sendable, Hashable, CustomTestStringConvertible {
    case vyper
    case solidity(Solc.Configuration)

    /// The Vyper twin, and the Solidity contracts under every configuration when solc runs here.
    static let all: [RegistryTwin] = {
        guard Solc.isEnabled else {
            print("Solidity registry scenarios skipped (Vyper only): \(Solc.skipReason)")
            return [.vyper]
        }
        return [.vyper] + Solc.Configuration.allCases.map(RegistryTwin.solidity)
    }()

    var testDescription: String {
        switch self {
        case .vyper: return "vyper"
        case .solidity(let configuration): return configuration.description
        }
    }

    /// The periods a registry is deployed with (seconds).
    struct Periods {
        var withdrawalDelay: UInt128 = 3_600
        var withdrawalWindow: UInt128 = 600
        var thawingPeriod: UInt128 = 1_800
    }

    /// The most proofs a Vyper `settle` (and its batch verifier) takes in these tests.
    static let maxProofs = 32

    /// Deploys the verifier, the batch verifier and a registry paying `provider`, in that order
    /// (the registry is contract `registryIndex`); returns the registry's address.
    @discardableResult
    func deploy(_ scenario: inout EVMScenario, key: VerifyingKey, provider: [UInt8], periods: Periods = .init()) throws -> [UInt8] {
        let (verifier, batchVerifier) = try deployVerifiers(&scenario, key: key)
        return try deployRegistry(&scenario, provider: provider, verifier: verifier, batchVerifier: batchVerifier, periods: periods)
    }

    /// The verifier and the batch verifier for `key`.
    func deployVerifiers(_ scenario: inout EVMScenario, key: VerifyingKey) throws -> (verifier: [UInt8], batchVerifier: [UInt8]) {
        switch self {
        case .vyper:
            return (scenario.deploy(VyperVerifier.source(key)),
                    scenario.deploy(VyperVerifier.batchSource(key, maxProofs: Self.maxProofs)))
        case .solidity(let configuration):
            let verifier = try Solc.bytecode(SolidityVerifier.source(key), contract: "Groth16Verifier", configuration)
            let batch = try Solc.bytecode(SolidityBatchVerifier.source(key), contract: "Groth16BatchVerifier", configuration)
            return (scenario.deploy(bytecode: verifier), scenario.deploy(bytecode: batch))
        }
    }

    /// A registry using the given verifiers.
    func deployRegistry(_ scenario: inout EVMScenario, provider: [UInt8], verifier: [UInt8], batchVerifier: [UInt8],
                        periods: Periods = .init()) throws -> [UInt8] {
        let arguments = [EVMScenario.word(address: provider), EVMScenario.word(address: verifier), EVMScenario.word(address: batchVerifier),
                         EVMScenario.word(periods.withdrawalDelay), EVMScenario.word(periods.withdrawalWindow),
                         EVMScenario.word(periods.thawingPeriod)]
        switch self {
        case .vyper:
            return scenario.deploy(SettlementRegistry.vyperSource(maxProofs: Self.maxProofs), arguments: arguments)
        case .solidity(let configuration):
            let code = try Solc.bytecode(SettlementRegistry.soliditySource(), contract: "SettlementRegistry", configuration)
            return scenario.deploy(bytecode: code, arguments: arguments)
        }
    }

    /// Whether `result` reverted with the registry error `error`: the Vyper twin's revert carries
    /// it as Error(string) text, the Solidity one as the custom error's selector and arguments.
    func reverted(_ result: EVMScenario.Result, with error: String) -> Bool {
        guard !result.success else { return false }
        switch self {
        case .vyper:
            return result.revert == error
        case .solidity:
            return result.revert.hasPrefix(Self.selector(of: error, in: SettlementRegistry.soliditySource()))
        }
    }

    /// The selector (hex) of the custom error `name` declared in `source` (`error Name(types);`).
    static func selector(of name: String, in source: String) -> String {
        guard let start = source.range(of: "error \(name)("), let end = source[start.upperBound...].firstIndex(of: ")") else {
            preconditionFailure("no error \(name) in the source")
        }
        let types = source[start.upperBound..<end].split(separator: ",").compactMap { $0.split(separator: " ").first }
        return ABIEncoding.hexDigits(Keccak256.selector("\(name)(\(types.joined(separator: ",")))"))
    }
}

import Foundation
import Groth16
import TestSupport

/// A script for `evm_scenario_oracle.py`: contracts (Vyper sources, or init code such as
/// solc's) deployed in revm by one deployer, then transactions in order, each under a label.
/// `run()` executes it in one Python process.
struct EVMScenario {
    /// Exactly one of `source` (Vyper, compiled by the oracle) and `bytecode` (init code, hex).
    struct Contract: Encodable {
        var source: String?
        var bytecode: String?
        var args: String
    }

    struct Step: Encodable {
        var from: String
        var to: Int
        var calldata: String
        var value: String
        var timestamp: Int?
    }

    struct Request: Encodable {
        var chainId: UInt64
        var deployer: String
        var funded: [String]
        var contracts: [Contract]
        var steps: [Step]
        var watch: [String]
    }

    struct Log: Decodable, Equatable {
        var address: String
        var topics: [String]
        var data: String
    }

    struct Result: Decodable {
        var success: Bool
        var returndata: String
        var revert: String
        /// Gas used by a successful step (0 for a revert).
        var gas: Int
        var logs: [Log]
        /// Wei of each watched address after the step.
        var balances: [String]
    }

    struct Response: Decodable {
        var addresses: [String]
        var results: [Result]
    }

    /// The results by label, and the deployed addresses as the EVM reported them.
    struct Outcome {
        var addresses: [String]
        var byLabel: [String: Result]

        subscript(label: String) -> Result {
            guard let result = byLabel[label] else { preconditionFailure("no step labelled \(label)") }
            return result
        }
    }

    static let deployer = [UInt8](repeating: 0x11, count: 20)

    let chainId: UInt64
    /// Accounts given ether before the first step, and those whose balances every result lists.
    var funded: [[UInt8]] = []
    var watch: [[UInt8]] = []
    private var contracts: [Contract] = []
    private var steps: [Step] = []
    private var labels: [String] = []

    init(chainId: UInt64) {
        self.chainId = chainId
    }

    /// The address of the deployer's contract number `index` (CREATE with nonce `index`):
    /// the last 20 bytes of keccak256(rlp([deployer, nonce])).
    static func contractAddress(index: Int) -> [UInt8] {
        precondition(index < 0x80, "single-byte RLP nonces only")
        let nonce: [UInt8] = index == 0 ? [0x80] : [UInt8(index)]
        return Array(Keccak256.hash([0xd6, 0x94] + deployer + nonce).suffix(20))
    }

    /// Deploys a Vyper contract with ABI-encoded constructor arguments; returns its address.
    mutating func deploy(_ source: String, arguments: [[UInt8]] = []) -> [UInt8] {
        deploy(.init(source: source, args: ABIEncoding.hexDigits(arguments.flatMap { $0 })))
    }

    /// Deploys init code (hex digits, e.g. from `Solc.bytecode`) with ABI-encoded constructor
    /// arguments; returns its address.
    mutating func deploy(bytecode: String, arguments: [[UInt8]] = []) -> [UInt8] {
        deploy(.init(bytecode: bytecode, args: ABIEncoding.hexDigits(arguments.flatMap { $0 })))
    }

    private mutating func deploy(_ contract: Contract) -> [UInt8] {
        contracts.append(contract)
        return Self.contractAddress(index: contracts.count - 1)
    }

    /// A transaction `signature(words…)` from `from` to contract `to`.
    mutating func call(_ label: String, from: [UInt8], to: Int, _ signature: String, _ words: [[UInt8]] = [],
                       value: UInt128 = 0, timestamp: Int? = nil) {
        call(label, from: from, to: to, calldata: Keccak256.selector(signature) + words.flatMap { $0 }, value: value,
             timestamp: timestamp)
    }

    /// A transaction with raw calldata.
    mutating func call(_ label: String, from: [UInt8], to: Int, calldata: [UInt8], value: UInt128 = 0, timestamp: Int? = nil) {
        precondition(!labels.contains(label), "labels are unique")
        labels.append(label)
        steps.append(.init(from: Self.hex(from), to: to, calldata: ABIEncoding.hexDigits(calldata), value: String(value),
                           timestamp: timestamp))
    }

    func run() throws -> Outcome {
        let request = Request(chainId: chainId, deployer: Self.hex(Self.deployer), funded: funded.map(Self.hex),
                              contracts: contracts, steps: steps, watch: watch.map(Self.hex))
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("evm_scenario_oracle.py")
        let response: Response = try PythonOracle.ask(script, request)
        return Outcome(addresses: response.addresses, byLabel: Dictionary(uniqueKeysWithValues: zip(labels, response.results)))
    }

    // MARK: ABI words

    static func hex(_ address: [UInt8]) -> String { "0x" + ABIEncoding.hexDigits(address) }

    /// An address as a uint256 word.
    static func word(address: [UInt8]) -> [UInt8] { [UInt8](repeating: 0, count: 12) + address }

    /// An unsigned integer as a uint256 word.
    static func word(_ value: UInt128) -> [UInt8] {
        [UInt8](repeating: 0, count: 16) + (0..<16).map { UInt8(truncatingIfNeeded: value >> (120 - 8 * UInt128($0))) }
    }

    /// The hex digits of a word, as results carry return data and topics.
    static func wordHex(_ value: UInt128) -> String { ABIEncoding.hexDigits(word(value)) }
}

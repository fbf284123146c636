import Foundation

/// solc through its standard-JSON interface: one source file in, the init code of each of its
/// contracts out. `chain deploy` compiles the generated contracts with it, and the tests
/// compile them under every pipeline and optimizer setting.
public struct SolidityCompiler: Sendable {
    /// The compiler's path.
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// What went wrong.
    public enum Error: Swift.Error, CustomStringConvertible {
        /// solc reported errors (their formatted messages).
        case compilation(String)
        /// The source has no contract of that name.
        case missingContract(String)

        public var description: String {
            switch self {
            case .compilation(let messages): return "solc failed:\n\(messages)"
            case .missingContract(let name): return "solc output has no contract \(name)"
            }
        }
    }

    /// The init code (hex digits, no "0x") of every contract in `source`, by name, compiled
    /// with the optimizer (200 runs) on or off and the legacy or IR pipeline.
    public func compile(_ source: String, optimize: Bool = true, viaIR: Bool = false) throws -> [String: String] {
        let file = "Contract.sol"
        let input = Input(sources: [file: .init(content: source)],
                          settings: .init(optimizer: .init(enabled: optimize, runs: 200), viaIR: viaIR,
                                          outputSelection: [file: ["*": ["evm.bytecode.object"]]]))
        let data = try ChildProcess.run(path, ["--standard-json"], stdin: JSONEncoder().encode(input))
        let output = try JSONDecoder().decode(Output.self, from: data)
        let errors = (output.errors ?? []).filter { $0.severity == "error" }
        guard errors.isEmpty else { throw Error.compilation(errors.map(\.formattedMessage).joined(separator: "\n")) }
        return (output.contracts?[file] ?? [:]).mapValues(\.evm.bytecode.object)
    }

    /// The init code of `contract` in `source`, as bytes.
    public func initCode(_ source: String, contract: String) throws -> [UInt8] {
        guard let hex = try compile(source)[contract] else { throw Error.missingContract(contract) }
        do { return try Hex.bytes("0x" + hex, field: contract) } catch { throw Error.compilation("\(contract): \(error)") }
    }

    private struct Input: Encodable {
        struct Source: Encodable { var content: String }
        struct Optimizer: Encodable { var enabled: Bool; var runs: Int }
        struct Settings: Encodable {
            var optimizer: Optimizer
            var viaIR: Bool
            var outputSelection: [String: [String: [String]]]
        }
        var language = "Solidity"
        var sources: [String: Source]
        var settings: Settings
    }

    private struct Output: Decodable {
        struct Message: Decodable { var severity: String; var formattedMessage: String }
        struct Contract: Decodable {
            struct EVM: Decodable { struct Bytecode: Decodable { var object: String }; var bytecode: Bytecode }
            var evm: EVM
        }
        var errors: [Message]?
        var contracts: [String: [String: Contract]]?
    }
}

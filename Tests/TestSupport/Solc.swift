import Chain
import Foundation
import Synchronization

/// The Solidity compiler the tests compile the generated contracts with: `SOLC` if set, else
/// `solc` on `PATH`, else `../shared/tools/solc/solc` beside the repository. Suites that need
/// it are enabled with `.enabled(if: Solc.isEnabled, Comment(rawValue: Solc.skipReason))`;
/// under `CI=true`, or with `SOLC` set, they always run, and a missing compiler fails them
/// (`Solc.Error.notFound`) instead of skipping.
public enum Solc {
    /// One of the four compiler configurations every contract must compile and run under.
    public struct Configuration: Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The IR pipeline (`--via-ir`) instead of the default (legacy) code generator.
        public var viaIR: Bool
        /// The optimizer, with solc's default 200 runs.
        public var optimize: Bool

        public init(viaIR: Bool, optimize: Bool) {
            self.viaIR = viaIR
            self.optimize = optimize
        }

        /// Default pipeline and via-IR, optimizer on and off.
        public static let allCases = [false, true].flatMap { ir in [true, false].map { Configuration(viaIR: ir, optimize: $0) } }

        public var description: String { "solc \(viaIR ? "via-ir" : "default pipeline"), optimizer \(optimize ? "on" : "off")" }
    }

    /// What went wrong.
    public enum Error: Swift.Error, CustomStringConvertible {
        /// No compiler at `SOLC`, on `PATH` or in ../shared/tools/solc (a failure only when required).
        case notFound
        /// solc reported errors (their formatted messages).
        case compilation(String)
        /// The source has no contract of that name.
        case missingContract(String)

        public var description: String {
            switch self {
            case .notFound: return "no solc: \(Solc.skipReason)"
            case .compilation(let messages): return "solc failed:\n\(messages)"
            case .missingContract(let name): return "solc output has no contract \(name)"
            }
        }
    }

    /// The compiler's path, or nil when there is none.
    public static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        let fileManager = FileManager.default
        if let solc = environment["SOLC"], !solc.isEmpty {
            return fileManager.isExecutableFile(atPath: solc) ? solc : nil
        }
        let onPath = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/solc" }
        // #filePath = <repo>/Tests/TestSupport/Solc.swift
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared/tools/solc/solc").path
        return (onPath + [shared]).first { fileManager.isExecutableFile(atPath: $0) }
    }()

    /// Under `CI=true`, or when `SOLC` names a compiler, it is required: its suites run and
    /// fail without it.
    public static let isRequired: Bool = {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] == "true" || !(environment["SOLC"] ?? "").isEmpty
    }()

    /// Whether suites that compile Solidity run.
    public static var isEnabled: Bool { path != nil || isRequired }

    /// Why those suites are skipped when they are.
    public static let skipReason =
        "needs solc: set SOLC, put solc on PATH or provide ../shared/tools/solc/solc (with CI=true or SOLC set, a missing solc fails)"

    /// The init code of `contract` in `source` compiled under `configuration`, as hex digits
    /// without "0x"; each source and configuration is compiled once per process.
    public static func bytecode(_ source: String, contract: String, _ configuration: Configuration) throws -> String {
        let contracts = try compiled(source, configuration)
        guard let code = contracts[contract] else { throw Error.missingContract(contract) }
        return code
    }

    private struct Key: Hashable {
        var source: String
        var configuration: Configuration
    }

    private static let cache = Mutex<[Key: [String: String]]>([:])

    private static func compiled(_ source: String, _ configuration: Configuration) throws -> [String: String] {
        let key = Key(source: source, configuration: configuration)
        if let hit = cache.withLock({ $0[key] }) { return hit }
        let contracts = try compile(source, configuration)
        cache.withLock { $0[key] = contracts }
        return contracts
    }

    /// `solc --standard-json` on one source file (`Chain.SolidityCompiler`).
    private static func compile(_ source: String, _ configuration: Configuration) throws -> [String: String] {
        guard let path else { throw Error.notFound }
        do {
            return try SolidityCompiler(path: path).compile(source, optimize: configuration.optimize, viaIR: configuration.viaIR)
        } catch let error as SolidityCompiler.Error {
            throw Error.compilation(error.description)
        }
    }
}

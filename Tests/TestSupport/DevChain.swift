import Chain
import Foundation

/// tests/chain/devchain run as a real process on 127.0.0.1 for one test: started with
/// `--port 0`, its start-up JSON line read, stopped (SIGTERM, then waited for) by `stop()`.
public final class DevChain: @unchecked Sendable {
    public struct Account: Decodable, Sendable {
        public let address: String
        public let privateKey: String
    }

    private struct StartLine: Decodable {
        let url: String
        let chainId: UInt64
        let accounts: [Account]
    }

    public let url: String
    public let chainId: UInt64
    public let accounts: [Account]
    private let process: Process

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Starts the node with extra `arguments` (e.g. ["--max-logs", "5"]).
    public init(arguments: [String] = []) throws {
        if let missing = ChainEnvironment.missingPython { throw Failure(description: missing) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PythonOracle.python!)
        process.arguments = [ChainEnvironment.root.appendingPathComponent("tests/chain/devchain").path, "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        // The first line; the node writes nothing else on stdout.
        var line = Data()
        let handle = output.fileHandleForReading
        while !line.contains(0x0A) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let start = try? JSONDecoder().decode(StartLine.self, from: line.prefix { $0 != 0x0A }) else {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "devchain did not print its start-up line (got \(String(decoding: line, as: UTF8.self)))")
        }
        self.process = process
        url = start.url
        chainId = start.chainId
        accounts = start.accounts
    }

    /// The funded account `index` as a provider key.
    public func key(_ index: Int) throws -> ProviderKey { try ProviderKey(hex: accounts[index].privateKey) }

    /// SIGTERM, then SIGKILL if the node has not exited within 5 s.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

import Circuits
import Foundation
import Groth16
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SettlementAgent

/// Runs the README's curl walk-through verbatim (the `sh` blocks between the walkthrough
/// markers, in one bash with `set -euo pipefail`) against a real `settlement-agent serve`
/// process on a free loopback port, with development keys for the 2-slot settlement circuit.
@Suite(.serialized) struct ReadmeWalkthroughTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The test binary sits beside the products it was built with.
    static let products = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    /// The shell commands of the README's walk-through, in order.
    static func walkthroughScript() throws -> String {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "<!-- walkthrough:begin -->").dropFirst().first?
            .components(separatedBy: "<!-- walkthrough:end -->").first)
        var blocks: [String] = []
        var rest = Substring(section)
        while let open = rest.range(of: "```sh\n"), let close = rest[open.upperBound...].range(of: "```") {
            blocks.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return blocks.joined(separator: "\n")
    }

    /// A loopback port nobody listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A keys directory as `setup --traces 2` lays it out, with development keys.
    static func writeKeys(to directory: URL) throws {
        let key = DevelopmentSetup.insecureKeys(for: try SettlementCircuit(traces: 2).r1cs())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let zkey = ZKeyFile(provingKey: key, transcript: Phase2Transcript(circuitHash: [UInt8](repeating: 0, count: 64)))
        try Data(zkey.fileBytes()).write(to: directory.appendingPathComponent(SettlementKeys.provingKeyFile))
        try Data(VerificationKeyJSON(exporting: key).snarkjsJSON().utf8).write(to: directory.appendingPathComponent(SettlementKeys.verificationKeyFile))
        try Data(SolidityVerifier.source(key.verifyingKey).utf8).write(to: directory.appendingPathComponent(SettlementKeys.verifierFile))
        try Data(SettlementKeys.circuitDescription(traces: 2).utf8).write(to: directory.appendingPathComponent(SettlementKeys.circuitFile))
    }

    /// Starts `executable`; its output goes to a pipe, or to `log` (a process that runs on and
    /// writes much must not block on a full pipe).
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], log: URL? = nil) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = output
            process.standardError = output
        }
        try process.run()
        return (process, output)
    }

    @Test func theReadmeWalkthroughRunsTwiceAndFailsClearlyElsewhere() throws {
        let script = try Self.walkthroughScript()
        #expect(script.contains("curl"))
        let agent = Self.products.appendingPathComponent("settlement-agent")
        try #require(FileManager.default.isExecutableFile(atPath: agent.path), "build the settlement-agent product first")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("walkthrough-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let data = work.appendingPathComponent("data")
        try Self.writeKeys(to: data.appendingPathComponent("keys"))
        let port = try Self.freePort()
        let serverLog = work.appendingPathComponent("serve.log")
        let (server, _) = try Self.run(agent, ["serve", "--data", data.path, "--port", String(port)], log: serverLog)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let api = "http://127.0.0.1:\(port)"
        // Wait for the server: it writes the admin token, then listens.
        var ready = false
        for _ in 0..<200 where !ready {
            let (probe, _) = try Self.run(URL(fileURLWithPath: "/usr/bin/env"), ["curl", "-sf", "-o", "/dev/null", "\(api)/healthz"])
            probe.waitUntilExit()
            ready = probe.terminationStatus == 0
            if !ready { usleep(100_000) }
        }
        if !ready {
            Issue.record("the agent did not start: \((try? String(contentsOf: serverLog, encoding: .utf8)) ?? "")")
            return
        }
        // Twice: the second run continues from the first run's confirmed state.
        for (run, balance) in [(1, "925"), (2, "850")] {
            let (status, transcript) = try Self.shell(script, environment: ["API": api, "AGENT": agent.path, "DATA": data.path])
            #expect(status == 0, "walk-through run \(run) failed:\n\(transcript)")
            #expect(transcript.contains("settlement \(run): proved"), "\(transcript)")
            #expect(transcript.contains("settlement \(run) confirmed in 0x11111111..."), "\(transcript)")
            #expect(transcript.contains(#""balance":"\#(balance)""#), "\(transcript)")
        }
        // From another directory (no agent binary at the default path): one clear message.
        let (status, transcript) = try Self.shell(script, environment: ["API": api], in: work)
        #expect(status == 1)
        #expect(transcript == "walk-through: run it from the repository root while 'make run' serves (or set AGENT, DATA and API)\n")
    }

    /// Runs `script` in `bash -euo pipefail` (in `directory`, when given); its status and output.
    static func shell(_ script: String, environment: [String: String], in directory: URL? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-euo", "pipefail", "-c", script]
        var env = ProcessInfo.processInfo.environment.filter { !["API", "AGENT", "DATA"].contains($0.key) }
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let transcript = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, transcript)
    }
}

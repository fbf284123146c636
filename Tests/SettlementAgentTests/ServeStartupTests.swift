import ArgumentParser
import Foundation
import Testing
@testable import SettlementAgent

/// How `serve` starts: the port first (a port in use is reported at once, before the proving
/// key is loaded), and help that shows the development defaults of the domain and provider.
@Suite struct ServeStartupTests {
    @Test func servingOnABusyPortFailsFastBeforeLoadingTheKey() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("serve-busy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let keys = work.appendingPathComponent("keys")
        try ReadmeWalkthroughTests.writeKeys(to: keys)
        // A proving key that cannot load: loading it first would fail with its error instead,
        // so the port's error shows the key was never loaded (no clock in this test).
        try Data("not a zkey".utf8).write(to: keys.appendingPathComponent(SettlementKeys.provingKeyFile))
        let taken = try ListeningSocket()
        let command = try ServeCommand.parse(["--data", work.path, "--port", String(taken.port)])
        do {
            try await command.run()
            Issue.record("serve ran on a port in use")
        } catch let failure as CLIFailure {
            #expect(failure.message.contains("cannot listen on 127.0.0.1:\(taken.port)"), "\(failure.message)")
            #expect(failure.message.lowercased().contains("address already in use"), "\(failure.message)")
            #expect(failure.exitCode == 1)
        }
    }

    @Test func serveHelpShowsTheDomainDefaults() {
        let help = ServeCommand.helpMessage(columns: 1000)
        for fragment in ["--chain-id", "default: \(ServeCommand.defaultChainId)", "--settlement-contract",
                         "default: \(ServeCommand.defaultContract)", "--provider", "default: \(ServeCommand.defaultProvider)",
                         "--read-timeout", "--max-connections", "--integrity-check-interval", "--write-probe-interval"] {
            #expect(help.contains(fragment), "serve --help lacks \(fragment)")
        }
    }

    @Test func edgeOptionsReachTheConfigurationAndAreChecked() throws {
        #expect(throws: (any Error).self) { _ = try ServeCommand.parse(["--read-timeout", "0"]) }
        #expect(throws: (any Error).self) { _ = try ServeCommand.parse(["--max-connections", "0"]) }
        let command = try ServeCommand.parse(["--read-timeout", "3", "--max-connections", "9"])
        #expect(command.readTimeout == 3 && command.maxConnections == 9)
    }

    @Test func connectionCapFitsTheDescriptorLimit() {
        // 128 descriptors (the review's server): connections may take 64, the rest stays free.
        #expect(DescriptorBudget.connectionCap(requested: 512, descriptorLimit: 128) == 64)
        #expect(DescriptorBudget.connectionCap(requested: 512, descriptorLimit: 1_048_576) == 512)
        #expect(DescriptorBudget.connectionCap(requested: 512, descriptorLimit: 10) == 1)
        #expect(DescriptorBudget.connectionCap(requested: 512, descriptorLimit: nil) == 512)
    }
}

import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import SettlementAgent

/// Walks doc/security-cases.json: every HTTP case through the router (status, error code,
/// and the store unchanged unless the row says it stores), every CLI case through the
/// command parser (exit code, message, and no output file unless it succeeds), and holds the
/// tables of doc/SECURITY.md to the JSON.
@Suite struct BadInputTableTests {
    static let table = SecurityCaseTable.shared

    @Test func markdownTablesMatchTheJSON() throws {
        let markdown = try String(contentsOf: SecurityCaseTable.markdownURL, encoding: .utf8)
        let begin = try #require(markdown.range(of: SecurityCaseTable.markdownBegin), "doc/SECURITY.md has no begin marker")
        let end = try #require(markdown.range(of: SecurityCaseTable.markdownEnd), "doc/SECURITY.md has no end marker")
        let expected = "\n" + Self.table.markdown()
        let actual = String(markdown[begin.upperBound..<end.lowerBound])
        if actual != expected, ProcessInfo.processInfo.environment["SECURITY_CASES_UPDATE"] == "1" {
            // Regenerate: SECURITY_CASES_UPDATE=1 swift test --filter BadInputTableTests
            let updated = String(markdown[..<begin.upperBound]) + expected + String(markdown[end.lowerBound...])
            try updated.write(to: SecurityCaseTable.markdownURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == expected, "doc/SECURITY.md's tables differ from doc/security-cases.json; rerun with SECURITY_CASES_UPDATE=1")
    }

    @Test func everyEndpointAndClassIsCovered() throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: SecurityCaseTable.repositoryRoot
            .appendingPathComponent("doc/openapi.json"))) as? [String: Any]
        let paths = try #require(object?["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let surfaces = Set(Self.table.cases.map(\.surface))
        #expect(documented.isSubset(of: surfaces), "endpoints without a row: \(documented.subtracting(surfaces))")
        let classes = Set(Self.table.cases.map(\.category))
        for required in ["wrong JSON type", "missing field", "huge body", "integer out of range", "value >= r",
                         "non-canonical encoding", "off-curve point", "small-order point", "S >= l", "truncated file", "wrong auth"] {
            #expect(classes.contains(required), "no row of class \(required)")
        }
        #expect(Set(Self.table.cases.map(\.id)).count == Self.table.cases.count, "case ids are unique")
    }

    @Test(arguments: SecurityCaseTable.shared.cases.filter { $0.http != nil })
    func httpCase(_ c: SecurityCase) async throws {
        let spec = try #require(c.http)
        let fixture = try BadInputFixture(queueLimit: spec.queueLimit, chain: spec.chain ?? false)
        let before = try fixture.snapshot()
        let body = try BadInputFixture.body(spec)
        let uri = BadInputFixture.expand(spec.path)
        try await fixture.harness.application.test(.router) { client in
            let response = try await client.execute(uri: uri, method: HTTPRequest.Method(spec.method)!,
                                                    headers: BadInputFixture.headers(spec), body: ByteBuffer(string: body))
            let text = String(buffer: response.body).prefix(300)
            #expect(Int(response.status.code) == c.expect.status, "\(c.id): \(response.status.code) \(text)")
            #expect(response.json["error"] as? String == c.expect.error, "\(c.id): \(text)")
        }
        let after = try fixture.snapshot()
        if c.expect.writes == true {
            #expect(after != before, "\(c.id): the store should have changed")
        } else {
            #expect(after == before, "\(c.id): the store changed: \(Set(after).symmetricDifference(before))")
        }
    }

    @Test(arguments: SecurityCaseTable.shared.cases.filter { $0.cli != nil })
    func cliCase(_ c: SecurityCase) throws {
        let spec = try #require(c.cli)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let local = ["t": directory.path]
        for (name, fixture) in spec.files ?? [:] {
            try BadInputFixture.fileBytes(fixture).write(to: directory.appendingPathComponent(name))
        }
        let (exit, message) = Self.run(spec.args.map { BadInputFixture.expand($0, extra: local) })
        #expect(exit == c.expect.exit, "\(c.id): exit \(exit): \(message)")
        let fragment = BadInputFixture.expand(c.expect.message ?? "", extra: local)
        #expect(fragment.isEmpty || message.contains(fragment), "\(c.id): \"\(message)\" lacks \"\(fragment)\"")
        for output in spec.outputs ?? [] {
            let exists = FileManager.default.fileExists(atPath: BadInputFixture.expand(output, extra: local))
            #expect(exists == (exit == 0), "\(c.id): \(output) \(exists ? "was written" : "is missing")")
        }
    }

    /// Runs a command line as `main` does: the exit code and the message on standard error.
    /// An error that `main` would not map to 1 or 2 on purpose comes back as -1.
    static func run(_ arguments: [String]) -> (Int32, String) {
        do {
            var command = try SettlementAgentCommand.parseAsRoot(arguments)
            try command.run()
            return (0, "")
        } catch let failure as CLIFailure {
            return (failure.exitCode, failure.message)
        } catch {
            guard SettlementAgentCommand.exitCode(for: error) == .validationFailure else { return (-1, "escaped: \(error)") }
            return (2, SettlementAgentCommand.fullMessage(for: error))
        }
    }
}

import Foundation
import Testing
@testable import SettlementAgent

/// The admin token file: made once from the CSPRNG with mode 0600, read back unchanged, and
/// refused when other users can read it or when it is too short.
@Suite struct AdminTokenTests {
    @Test func madeOnceReadBackAndGuarded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("admin-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("admin-token")
        let token = try AdminToken.resolve(explicit: nil, file: file)
        #expect(token.utf8.count == 64)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try AdminToken.resolve(explicit: nil, file: file) == token)
        #expect(try AdminToken.resolve(explicit: nil, file: dir.appendingPathComponent("other")) != token)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(throws: CLIFailure.self) { try AdminToken.resolve(explicit: nil, file: file) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        try Data("short\n".utf8).write(to: file)
        #expect(throws: CLIFailure.self) { try AdminToken.resolve(explicit: nil, file: file) }
        #expect(throws: CLIFailure.self) { try AdminToken.resolve(explicit: "too-short", file: file) }
        #expect(try AdminToken.resolve(explicit: "an explicit token of 32 characters", file: file) == "an explicit token of 32 characters")
    }
}

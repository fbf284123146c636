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

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("admin-token-\(UUID().uuidString)")
    }

    static func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test func tokenFileAndDataDirectoryArePrivateFromCreation() throws {
        let root = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = root.appendingPathComponent("data")
        try DataDirectory.create(data)
        #expect(try Self.mode(data) == 0o700)
        let file = data.appendingPathComponent("admin-token")
        _ = try AdminToken.resolve(explicit: nil, file: file)
        #expect(try Self.mode(file) == 0o600)
        // A token file in a directory that does not exist yet: the directory is made 0700 too.
        let nested = root.appendingPathComponent("other/admin-token")
        _ = try AdminToken.resolve(explicit: nil, file: nested)
        #expect(try Self.mode(nested.deletingLastPathComponent()) == 0o700)
        #expect(try Self.mode(nested) == 0o600)
    }

    @Test func existingTokenIsReadNotRewritten() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DataDirectory.create(dir)
        let file = dir.appendingPathComponent("admin-token")
        let token = "an operator's own token, 40 characters"
        try Data((token + "\n").utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let before = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect(try AdminToken.resolve(explicit: nil, file: file) == token)
        let after = try FileManager.default.attributesOfItem(atPath: file.path)
        let inode = try #require(before[.systemFileNumber] as? NSNumber)
        #expect(after[.systemFileNumber] as? NSNumber == inode, "the file was replaced")
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date, "the file was rewritten")
        #expect(try String(contentsOf: file, encoding: .utf8) == token + "\n")
    }

    @Test func tokenIsNeverWrittenThroughASymlink() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DataDirectory.create(dir)
        let target = dir.appendingPathComponent("elsewhere")
        let file = dir.appendingPathComponent("admin-token")
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: target.path)
        #expect(throws: CLIFailure.self) { try AdminToken.resolve(explicit: nil, file: file) }
        #expect(!FileManager.default.fileExists(atPath: target.path), "the token was written through the link")
    }
}


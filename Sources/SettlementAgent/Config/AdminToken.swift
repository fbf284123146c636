import Foundation
import Groth16

/// The admin bearer token: given explicitly, or kept in a file next to the database (created
/// once from libsodium's CSPRNG, readable by the owner only). The token itself is never logged.
enum AdminToken {
    static func resolve(explicit: String?, file: URL) throws -> String {
        if let explicit {
            guard explicit.utf8.count >= 16 else { throw CLIFailure.malformed("--admin-token: use at least 16 characters") }
            return explicit
        }
        if let data = FileManager.default.contents(atPath: file.path) {
            // Like ssh with a private key: a token others can read is no longer a secret.
            let mode = (try? FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) ?? 0
            guard mode & 0o077 == 0 else {
                throw CLIFailure.malformed("\(file.path): the admin token file is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(file.path)")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard token.utf8.count >= 16 else { throw CLIFailure.malformed("\(file.path): the admin token is shorter than 16 characters") }
            return token
        }
        var bytes = secureRandomBytes(32)
        defer { secureZero(&bytes) }
        let token = ABIEncoding.hexDigits(bytes)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: Data((token + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CLIFailure.malformed("cannot write the admin token to \(file.path)")
        }
        return token
    }
}

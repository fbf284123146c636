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
        if FileManager.default.fileExists(atPath: file.path) { return try read(file) }
        try DataDirectory.create(file.deletingLastPathComponent())
        guard let token = try create(file) else { return try read(file) }  // made meanwhile by another process
        return token
    }

    /// The token of an existing file, refused when other users can read it or when it is short.
    private static func read(_ file: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw CLIFailure.malformed("\(file.path): cannot read the admin token file")
        }
        // Like ssh with a private key: a token others can read is no longer a secret.
        let mode = (try? FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else {
            throw CLIFailure.malformed("\(file.path): the admin token file is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(file.path)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.utf8.count >= 16 else { throw CLIFailure.malformed("\(file.path): the admin token is shorter than 16 characters") }
        return token
    }

    /// A new token in a new file, opened with O_CREAT | O_EXCL and mode 0600: the file is
    /// private from its first byte, an existing file (or a symlink planted in its place) is
    /// never written through. Nil when the file appeared meanwhile.
    private static func create(_ file: URL) throws -> String? {
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let error = errno
            let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: file.path)) != nil
            if error == EEXIST, !isLink { return nil }
            throw CLIFailure.malformed("cannot create the admin token file \(file.path): "
                + (isLink ? "it is a symbolic link, which is never written through" : String(cString: strerror(error))))
        }
        defer { close(fd) }
        var bytes = secureRandomBytes(32)
        defer { secureZero(&bytes) }
        let token = ABIEncoding.hexDigits(bytes)
        let line = Array((token + "\n").utf8)
        guard line.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == line.count, fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(file.path)
            throw CLIFailure.malformed("cannot write the admin token to \(file.path): \(reason)")
        }
        return token
    }
}

import Foundation

/// The agent's data directory (database, admin token, by default the keys): created mode
/// 0700, so other local users cannot list or open what is in it. An existing directory is
/// left as it is.
enum DataDirectory {
    static func create(_ url: URL) throws {
        let path = url.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CLIFailure.malformed("\(path): exists and is not a directory") }
            return
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // mkdir applies the mode at creation (less the umask, which can only narrow it).
        guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
            throw CLIFailure.malformed("cannot create the data directory \(path): \(String(cString: strerror(errno)))")
        }
    }
}

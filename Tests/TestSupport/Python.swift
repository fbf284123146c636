import Foundation

/// The Python interpreter with py_ecc, pyrevm and vyper that `make test` provides through
/// `SETTLEMENT_PYTHON` (the peers' virtualenv), for independent cross-checks.
public enum OraclePython {
    /// The interpreter path, or nil when the environment does not provide one.
    public static var path: String? {
        guard let p = ProcessInfo.processInfo.environment["SETTLEMENT_PYTHON"], FileManager.default.isExecutableFile(atPath: p) else {
            return nil
        }
        return p
    }

    /// Runs `python -c code` (optionally with stdin) and returns stdout; throws on a non-zero exit.
    public static func run(_ python: String, _ code: String, arguments: [String] = [], stdin: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", code] + arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    public struct PythonError: Error, CustomStringConvertible {
        public let status: Int32
        public let stderr: String
        public var description: String { "python exited \(status): \(stderr)" }
    }
}

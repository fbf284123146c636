import Foundation

/// Runs an oracle script of this folder (py_ecc_oracle.py, revm_precompile_oracle.py) with the
/// Python named by SETTLEMENT_PYTHON: one JSON request on stdin, one JSON response on stdout.
enum PythonOracle {
    /// The interpreter, or nil when the environment does not provide one (the tests then skip).
    static let python = ProcessInfo.processInfo.environment["SETTLEMENT_PYTHON"]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `request` to the script and decodes its answer.
    static func ask<Request: Encodable, Response: Decodable>(_ script: String, _ request: Request) throws -> Response {
        guard let python else { throw Failure(description: "SETTLEMENT_PYTHON is not set") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [directory.appendingPathComponent(script).path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONEncoder().encode(request))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(script) exited with \(process.terminationStatus): \(errorText)")
        }
        return try JSONDecoder().decode(Response.self, from: data)
    }
}

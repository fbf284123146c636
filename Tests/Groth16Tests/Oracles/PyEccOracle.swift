import Foundation

/// Runs Oracles/py_ecc_oracle.py with the Python named by SETTLEMENT_PYTHON: one JSON request on
/// stdin, one JSON response on stdout.
enum PyEccOracle {
    /// The interpreter, or nil when the environment does not provide one (the tests then skip).
    static let python = ProcessInfo.processInfo.environment["SETTLEMENT_PYTHON"]

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("py_ecc_oracle.py")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `request` to the oracle and decodes its answer.
    static func ask<Request: Encodable, Response: Decodable>(_ request: Request) throws -> Response {
        guard let python else { throw Failure(description: "SETTLEMENT_PYTHON is not set") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path]
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
            throw Failure(description: "py_ecc oracle exited with \(process.terminationStatus): \(errorText)")
        }
        return try JSONDecoder().decode(Response.self, from: data)
    }
}

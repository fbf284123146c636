import Foundation

/// Independent oracles in Python (py_ecc, pyrevm, vyper, pycryptodome) run with the
/// interpreter named by SETTLEMENT_PYTHON, which `make test` sets to the peers' virtualenv.
/// Suites that need it use `.enabled(if: PythonOracle.python != nil, ...)`.
public enum PythonOracle {
    /// The interpreter, or nil when the environment does not provide one.
    public static let python: String? = {
        guard let p = ProcessInfo.processInfo.environment["SETTLEMENT_PYTHON"],
              FileManager.default.isExecutableFile(atPath: p) else { return nil }
        return p
    }()

    /// Runs `script` with one JSON request on stdin and decodes its JSON answer from stdout.
    public static func ask<Request: Encodable, Response: Decodable>(_ script: URL, _ request: Request) throws -> Response {
        let data = try execute(arguments: [script.path], stdin: try JSONEncoder().encode(request))
        return try JSONDecoder().decode(Response.self, from: data)
    }

    /// Runs `script` with a JSON request given as text (e.g. embedding JSON files verbatim).
    public static func ask<Response: Decodable>(_ script: URL, jsonText: String) throws -> Response {
        let data = try execute(arguments: [script.path], stdin: Data(jsonText.utf8))
        return try JSONDecoder().decode(Response.self, from: data)
    }

    /// Runs `python -c code` and returns its standard output.
    public static func run(code: String) throws -> String {
        String(decoding: try execute(arguments: ["-c", code], stdin: Data()), as: UTF8.self)
    }

    static func execute(arguments: [String], stdin: Data) throws -> Data {
        guard let python else { throw Subprocess.Failure(description: "SETTLEMENT_PYTHON is not set") }
        return try Subprocess.run(python, arguments, stdin: stdin)
    }
}

import Foundation
import Testing

/// doc/security-cases.json: every endpoint and CLI input against every class of malformed
/// value, with the answer the agent gives. `BadInputTableTests` runs each row and holds the
/// table in doc/SECURITY.md to this file.
struct SecurityCaseTable: Decodable, Sendable {
    let version: Int
    let cases: [SecurityCase]

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let jsonURL = repositoryRoot.appendingPathComponent("doc/security-cases.json")
    static let markdownURL = repositoryRoot.appendingPathComponent("doc/SECURITY.md")

    /// The table as stored in the repository (a decoding failure is a broken repository).
    static let shared: SecurityCaseTable = {
        do {
            return try JSONDecoder().decode(SecurityCaseTable.self, from: Data(contentsOf: jsonURL))
        } catch {
            fatalError("doc/security-cases.json: \(error)")
        }
    }()

    static let markdownBegin = "<!-- security-cases:begin (generated from doc/security-cases.json) -->"
    static let markdownEnd = "<!-- security-cases:end -->"

    /// The Markdown tables of doc/SECURITY.md: one per endpoint or command, in file order.
    func markdown() -> String {
        var surfaces: [String] = []
        for c in cases where !surfaces.contains(c.surface) { surfaces.append(c.surface) }
        var lines: [String] = []
        for surface in surfaces {
            lines.append("#### `\(surface)`")
            lines.append("")
            lines.append("| case | class | input | result |")
            lines.append("|---|---|---|---|")
            for c in cases where c.surface == surface {
                lines.append("| \(c.id) | \(c.category) | \(Self.cell(c.input)) | \(Self.cell(c.expect.summary)) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}

/// One row: an HTTP request or a command line, and what the agent answers.
struct SecurityCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    /// "METHOD /path" as in doc/openapi.json, or the command ("groth16 verify").
    let surface: String
    /// The class of malformed value ("value >= r", "truncated file", ..., or "control").
    let category: String
    /// What is wrong with the input, for people.
    let input: String
    let http: HTTPCase?
    let cli: CLICase?
    let expect: Expectation

    var testDescription: String { id }

    enum CodingKeys: String, CodingKey {
        case id, surface, category = "class", input, http, cli, expect
    }
}

/// A request through the router. The body is a base document (a valid trace, account, ...)
/// edited by `set`/`remove`, or the raw `body`; strings may hold `{token}`s (see
/// `BadInputFixture.tokens`).
struct HTTPCase: Decodable, Sendable {
    let method: String
    let path: String
    /// The Authorization header; none when absent.
    let authorization: String?
    /// newTrace, storedTrace, account, settle, confirm, abandon or signerKey.
    let base: String?
    let set: [String: JSONValue]?
    let remove: [String]?
    /// Sign the edited trace again with its user's key.
    let resign: Bool?
    /// "array": send `copies` copies of the document in a JSON array.
    let wrap: String?
    let copies: Int?
    let body: String?
    /// Repeat the raw body this many times.
    let `repeat`: Int?
    /// Leading spaces before the body.
    let padding: Int?
    /// Raw JSON text inserted before the document's closing brace.
    let appendRaw: String?
    /// The proving-queue limit of the agent (default 256).
    let queueLimit: Int?
    /// The agent follows a chain (see `BadInputFixture`).
    let chain: Bool?
}

/// A command line; `files` are written to the case's temporary directory first, `outputs`
/// must exist after a success and must not after a failure.
struct CLICase: Decodable, Sendable {
    let args: [String]
    let files: [String: FileFixture]?
    let outputs: [String]?
}

/// A file made for a CLI case: a copy of `from` (truncated, patched), a JSON document edited
/// like an HTTP body, or literal text.
struct FileFixture: Decodable, Sendable {
    let from: String?
    let text: String?
    /// "signed" or "unsigned": the harness's trace of user 1, nonce 2.
    let trace: String?
    /// Keep this many leading bytes; negative: drop this many trailing bytes.
    let truncate: Int?
    let patch: Patch?
    let xor: Xor?
    let set: [String: JSONValue]?
    let remove: [String]?

    struct Patch: Decodable, Sendable {
        let offset: Int
        let hex: String
    }

    struct Xor: Decodable, Sendable {
        let offset: Int
        let mask: UInt8
    }
}

/// What the agent answers: an HTTP status and error code, and whether the store changed; or
/// an exit code and a fragment of the message.
struct Expectation: Decodable, Sendable {
    let status: Int?
    let error: String?
    let writes: Bool?
    let exit: Int32?
    let message: String?

    var summary: String {
        if let status {
            var text = String(status)
            if let error { text += " `\(error)`" }
            if writes == true { text += " (stored)" }
            return text
        }
        let code = exit ?? -1
        guard let message, !message.isEmpty else { return "exit \(code)" }
        return "exit \(code): “\(message)”"
    }
}

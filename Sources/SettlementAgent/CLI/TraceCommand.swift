import ArgumentParser
import Circuits
import Foundation
import Groth16
import Traces

/// `settlement-agent trace sign|verify`: sign an unsigned trace, or check a signed one, in a
/// domain (chain id + settlement contract), as a user's wallet would.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Sign or verify a request trace (JSON).",
        subcommands: [Sign.self, Verify.self]
    )

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign {\"user\",\"provider\",\"nonce\",\"fee\",\"requestHash\"} (a file, or - for stdin); prints the signed trace. An array of traces gives an array.")

        @Option(help: "The unsigned trace JSON (a path, or - for standard input).") var trace: String
        @Option(name: .customLong("private-key"), help: "The user's 32-byte EdDSA private key in hex.") var privateKey: String
        @OptionGroup var domainOptions: DomainOptions

        func run() throws {
            print(try Self.sign(input: TraceCommand.read(trace), privateKeyHex: privateKey, domain: domainOptions.domain()))
        }

        /// The signed trace as JSON; an array of unsigned traces gives an array of signed ones
        /// (in order), so a script can sign many traces with one process.
        static func sign(input: Data, privateKeyHex: String, domain: SettlementDomain) throws -> String {
            let parsed = try? JSONSerialization.jsonObject(with: input)
            let key = try parsePrivateKey(privateKeyHex)
            if let array = parsed as? [Any] {
                let signed = try array.enumerated().map { i, item in
                    try JSONSerialization.jsonObject(with: sign(item, path: "trace[\(i)]", key: key, domain: domain).jsonData)
                }
                return String(decoding: try JSONSerialization.data(withJSONObject: signed, options: [.withoutEscapingSlashes]),
                              as: UTF8.self)
            }
            return String(decoding: try sign(parsed as Any, path: "trace", key: key, domain: domain).jsonData, as: UTF8.self)
        }

        private static func sign(_ item: Any, path: String, key: EdDSAPrivateKey, domain: SettlementDomain) throws -> RequestTrace {
            guard var object = item as? [String: Any] else {
                throw CLIFailure.malformed("\(path): expected a JSON object (or an array of them)")
            }
            guard object["signature"] == nil else { throw CLIFailure.malformed("\(path): already has a signature") }
            // Parse with a placeholder signature, so every field gets the strict checks.
            object["signature"] = ["R8": ["0", "1"], "S": "0"]
            let unsigned: RequestTrace
            do { unsigned = try RequestTrace(jsonObject: object, path: path == "trace" ? "" : path) } catch {
                throw CLIFailure.malformed("\(error)")
            }
            return TraceSigning.sign(user: unsigned.user, provider: unsigned.provider, nonce: unsigned.nonce,
                                     fee: unsigned.fee, requestHash: unsigned.requestHash, domain: domain, key: key)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a signed trace against the user's public key (exit 0 valid, 1 invalid, 2 malformed).")

        @Option(help: "The signed trace JSON (a path, or - for standard input).") var trace: String
        @Option(name: .customLong("public-key"), help: "The user's public key X,Y (decimal).") var publicKey: String
        @OptionGroup var domainOptions: DomainOptions

        func run() throws {
            print(try Self.verify(input: TraceCommand.read(trace), publicKey: publicKey, domain: domainOptions.domain()))
        }

        static func verify(input: Data, publicKey: String, domain: SettlementDomain) throws -> String {
            let trace: RequestTrace
            do { trace = try RequestTrace(jsonData: input) } catch { throw CLIFailure.malformed("\(error)") }
            let a = try parsePoint(publicKey, name: "--public-key")
            guard TraceSigning.verify(trace, key: SignerKey(ax: a.x, ay: a.y), domain: domain) else {
                throw CLIFailure.invalid("invalid: the signature does not verify for this key and domain")
            }
            return "valid"
        }
    }

    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        return try InputFiles.data(path, what: "trace")
    }
}

import ArgumentParser
import Circuits
import Foundation

/// `settlement-agent eddsa keygen|sign|verify`: EdDSA-Poseidon on Baby Jubjub, compatible with
/// circomlibjs `signPoseidon`/`verifyPoseidon`. Private keys are 32 bytes in hex; they are
/// wiped from memory after use and never logged (the command-line string itself is outside
/// the program's control).
struct EdDSACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eddsa",
        abstract: "EdDSA-Poseidon keys and signatures on Baby Jubjub (circomlibjs-compatible).",
        subcommands: [Keygen.self, Sign.self, Verify.self]
    )

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Derive the public key of a private key, or make a new key with libsodium."
        )

        @Option(name: .customLong("private-key"), help: "32-byte private key in hex (a new one when omitted).")
        var privateKey: String?

        @Flag(help: "Print {\"privateKey\", \"publicKey\": [x, y]}.")
        var json = false

        func run() throws { print(try Self.keygen(privateKeyHex: privateKey, json: json)) }

        static func keygen(privateKeyHex: String?, json: Bool) throws -> String {
            let key = try privateKeyHex.map { try parsePrivateKey($0) } ?? EdDSAPrivateKey.generate()
            let a = EdDSAPoseidon.publicKey(of: key)
            if json {
                return try jsonLine(["privateKey": key.hexEncodedSecret(), "publicKey": [a.x.decimalString, a.y.decimalString]])
            }
            return "privateKey: \(key.hexEncodedSecret())\npublicKey: \(a.x.decimalString),\(a.y.decimalString)"
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Sign a field element (circomlibjs signPoseidon).")

        @Option(name: .customLong("private-key"), help: "32-byte private key in hex.")
        var privateKey: String

        @Option(help: "The message, a decimal field element.")
        var message: String

        @Flag(help: "Print {\"R8\": [x, y], \"S\"}.")
        var json = false

        func run() throws { print(try Self.sign(privateKeyHex: privateKey, message: message, json: json)) }

        static func sign(privateKeyHex: String, message: String, json: Bool) throws -> String {
            let key = try parsePrivateKey(privateKeyHex)
            let m = try FieldElementArgument.parse(message, name: "--message")
            let sig = EdDSAPoseidon.sign(m, with: key)
            if json {
                return try jsonLine(["R8": [sig.r8.x.decimalString, sig.r8.y.decimalString], "S": sig.s.decimalString])
            }
            return "R8: \(sig.r8.x.decimalString),\(sig.r8.y.decimalString)\nS: \(sig.s.decimalString)"
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a signature (circomlibjs verifyPoseidon): exit 0 valid, 1 invalid, 2 malformed."
        )

        @Option(name: .customLong("public-key"), help: "The public key as X,Y (decimal).")
        var publicKey: String

        @Option(help: "The message, a decimal field element.")
        var message: String

        @Option(name: .customLong("r8"), help: "R8 as X,Y (decimal).")
        var r8: String

        @Option(name: .customLong("s"), help: "S (decimal).")
        var s: String

        func run() throws { print(try Self.verify(publicKey: publicKey, message: message, r8: r8, s: s)) }

        /// "valid", or throws `CLIFailure.invalid` (exit 1) or `.malformed` (exit 2).
        static func verify(publicKey: String, message: String, r8: String, s: String) throws -> String {
            let a = try parsePoint(publicKey, name: "--public-key")
            let m = try FieldElementArgument.parse(message, name: "--message")
            let signature = EdDSAPoseidon.Signature(r8: try parsePoint(r8, name: "--r8"), s: try FieldElementArgument.parse(s, name: "--s"))
            guard EdDSAPoseidon.verify(m, signature: signature, publicKey: a) else {
                throw CLIFailure.invalid("the signature does not verify")
            }
            return "valid"
        }
    }
}

func parsePrivateKey(_ hex: String) throws -> EdDSAPrivateKey {
    do {
        return try EdDSAPrivateKey(hex: hex)
    } catch {
        throw CLIFailure.malformed("--private-key: expected 64 hex digits (32 bytes)")
    }
}

/// "X,Y" with two decimal field elements (the point need not be on the curve: `verify` decides).
func parsePoint(_ text: String, name: String) throws -> BabyJubJub.Point {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2 else { throw CLIFailure.malformed("\(name): expected X,Y, got \"\(text)\"") }
    return BabyJubJub.Point(uncheckedX: try FieldElementArgument.parse(String(parts[0]), name: "\(name) x"),
                            y: try FieldElementArgument.parse(String(parts[1]), name: "\(name) y"))
}

/// One line of JSON with sorted keys.
func jsonLine(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
}

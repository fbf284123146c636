import ArgumentParser
import Circuits

/// `settlement-agent hash poseidon X1 X2 ...`: circomlib Poseidon of decimal field elements.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Hash field elements as circomlib does.",
        subcommands: [Poseidon.self]
    )

    struct Poseidon: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print Poseidon(X1, ..., Xn) in decimal (1 to 16 decimal field elements, circomlib parameters)."
        )

        @Argument(help: "Decimal field elements below the BN254 scalar field modulus.")
        var inputs: [String] = []

        func run() throws {
            print(try Self.hash(inputs))
        }

        /// The decimal hash of decimal inputs; malformed input (exit 2) names the argument.
        static func hash(_ inputs: [String]) throws -> String {
            guard (1...Circuits.Poseidon.maxInputs).contains(inputs.count) else {
                throw CLIFailure.malformed("Poseidon takes 1 to 16 inputs, got \(inputs.count)")
            }
            let elements = try inputs.enumerated().map { i, text in try FieldElementArgument.parse(text, name: "input \(i + 1)") }
            return try Circuits.Poseidon.hash(elements).decimalString
        }
    }
}

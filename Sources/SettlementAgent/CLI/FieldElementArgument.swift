import Circuits

/// Field elements given on the command line (decimal, canonical).
enum FieldElementArgument {
    /// Parses a decimal field element; anything else is malformed (exit 2), naming `name`.
    static func parse(_ text: String, name: String) throws -> Fr {
        do {
            return try Fr(decimal: text)
        } catch {
            throw CLIFailure.malformed("\(name): expected a decimal field element below the BN254 scalar field modulus, got \"\(text)\"")
        }
    }
}

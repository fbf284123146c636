import ArgumentParser

/// `settlement-agent ceremony`: the multi-party trusted-setup ceremony, file in, file out, in
/// snarkjs's formats (see doc/CEREMONY.md).
struct CeremonyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ceremony",
        abstract: "Trusted-setup ceremony: Powers of Tau (phase 1) and circuit keys (phase 2), snarkjs-compatible.",
        subcommands: [CeremonyPtauCommand.self, CeremonyZKeyCommand.self]
    )
}

/// `--quiet`, shared by every ceremony command.
struct QuietOption: ParsableArguments {
    @Flag(name: .long, help: "Print no progress on standard error.")
    var quiet = false

    var reporter: ProgressReporter { ProgressReporter(quiet: quiet) }
}

/// The beacon options of `ptau beacon` and `zkey beacon`.
struct BeaconOptions: ParsableArguments {
    @Option(name: .long, help: "The beacon value, hexadecimal (1 to 255 bytes), e.g. a future block hash.")
    var beacon: String

    @Option(name: .long, help: "log2 of the number of SHA-256 iterations (10...63).")
    var iterations: Int
}

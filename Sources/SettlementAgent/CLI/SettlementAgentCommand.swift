import ArgumentParser
import Foundation

/// `settlement-agent`: the HTTP agent and the tools around it (one binary).
///
/// Exit codes: 0 success (or valid), 1 a well-formed proof/signature/key that is invalid,
/// 2 bad usage or malformed input (the message names what and where).
@main
struct SettlementAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement-agent",
        abstract: "Zero-knowledge settlement agent: collects signed request traces and proves balance transitions with Groth16 over BN254.",
        version: "0.1.0",
        subcommands: CommandRegistry.all
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data(("error: " + failure.message + "\n").utf8))
            Foundation.exit(failure.exitCode)
        } catch {
            // ArgumentParser's usage errors (exit 64) become our exit 2 with its message.
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A command's failure with the exit code the CLI promises.
struct CLIFailure: Error {
    let message: String
    let exitCode: Int32

    /// A well-formed proof, signature or key that does not verify: exit 1.
    static func invalid(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 1) }

    /// Malformed input or bad usage: exit 2. The message names what and where.
    static func malformed(_ message: String) -> CLIFailure { CLIFailure(message: message, exitCode: 2) }
}

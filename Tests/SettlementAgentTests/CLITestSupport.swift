import ArgumentParser
@testable import SettlementAgent

/// Runs a parsed command the way `main` does and returns the exit code it promises:
/// 0 success, 1 invalid, 2 malformed or bad usage.
func cliExitCode<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) -> Int32 {
    do {
        var command = try type.parse(arguments)
        try command.run()
        return 0
    } catch let failure as CLIFailure {
        return failure.exitCode
    } catch {
        return type.exitCode(for: error) == .validationFailure ? 2 : -1
    }
}

import ArgumentParser

/// The top-level subcommands of `settlement-agent`, each defined in its own file under CLI/.
enum CommandRegistry {
    static let all: [any ParsableCommand.Type] = [
        SetupCommand.self,
        CeremonyCommand.self,
    ]
}

import ArgumentParser

/// The top-level subcommands of `settlement-agent`, each defined in its own file under CLI/.
enum CommandRegistry {
    static let all: [any ParsableCommand.Type] = [
        ServeCommand.self,
        Groth16Command.self,
        HashCommand.self,
        EdDSACommand.self,
        CircuitCommand.self,
        TraceCommand.self,
        DemoCommand.self,
        SetupCommand.self,
        CeremonyCommand.self,
        ChainCommand.self,
    ]
}

import ArgumentParser
import Traces

@main
struct SettlementAgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement-agent",
        abstract: "Zero-knowledge settlement agent: collects signed request traces and proves balance transitions with Groth16 over BN254.",
        version: "0.1.0",
        subcommands: []
    )
}

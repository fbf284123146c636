import ArgumentParser
import Circuits
import Foundation

/// `settlement-agent circuit info|export --traces L`: sizes of the settlement circuit of L trace
/// slots, and its R1CS as an iden3 `.r1cs` file (the input of `ceremony zkey new`).
struct CircuitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "circuit",
        abstract: "The settlement circuit: constraint and signal counts, R1CS export.",
        subcommands: [Info.self, Export.self]
    )

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Constraint and signal counts of the settlement circuit.")

        @Option(help: "Trace slots L (1 ... \(SettlementCircuit.maxTraces)).")
        var traces: Int

        @Flag(help: "Print {\"traces\", \"constraints\", \"publicInputs\", \"constraintsPerTrace\", \"wires\", ...}.")
        var json = false

        func run() throws { print(try Self.info(traces: traces, json: json)) }

        static func info(traces: Int, json: Bool) throws -> String {
            let info = try circuit(traces).info()
            if json {
                let object: [String: Int] = [
                    "traces": info.traces, "constraints": info.constraints, "publicInputs": info.publicInputs,
                    "privateInputs": info.privateInputs, "constraintsPerTrace": info.constraintsPerTrace,
                    "fixedConstraints": info.fixedConstraints, "wires": info.wires,
                ]
                return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }
            return """
                settlement circuit, \(info.traces) trace slots
                constraints:          \(info.constraints) (\(info.constraintsPerTrace) per trace + \(info.fixedConstraints) fixed)
                public inputs:        \(info.publicInputs) (\(SettlementStatement.publicInputNames.joined(separator: ", ")))
                private inputs:       \(info.privateInputs)
                wires:                \(info.wires)
                """
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the settlement circuit's R1CS (iden3 .r1cs).")

        @Option(help: "Trace slots L (1 ... \(SettlementCircuit.maxTraces)).")
        var traces: Int

        @Option(help: "The .r1cs file to write.")
        var out: String

        func run() throws { print(try Self.export(traces: traces, to: out)) }

        /// Writes the file and returns a one-line summary.
        static func export(traces: Int, to path: String) throws -> String {
            let r1cs = try circuit(traces).r1cs()
            do {
                try R1CSFile(r1cs: r1cs).write(to: URL(fileURLWithPath: path))
            } catch {
                throw CLIFailure.malformed("--out: cannot write \(path): \(error)")
            }
            return "wrote \(path): \(r1cs.constraints.count) constraints, \(r1cs.numWires) wires, \(r1cs.numPublic) public inputs"
        }
    }

    /// The circuit of `traces` slots; an out-of-range L is bad usage (exit 2).
    static func circuit(_ traces: Int) throws -> SettlementCircuit {
        do {
            return try SettlementCircuit(traces: traces)
        } catch {
            throw CLIFailure.malformed("--traces: \(error)")
        }
    }
}

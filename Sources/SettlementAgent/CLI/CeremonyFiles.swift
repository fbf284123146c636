import Foundation
import Groth16

/// File input and output of the ceremony commands, with the CLI's exit codes: unreadable or
/// malformed files are exit 2 (`CLIFailure.malformed`), a well-formed file that fails
/// verification exit 1 (`CLIFailure.invalid`).
enum CeremonyFiles {
    static func ptau(_ path: String) throws -> PowersOfTauFile {
        try read(path) { try PowersOfTauFile(contentsOf: $0) }
    }

    static func ptauReader(_ path: String) throws -> PowersOfTauReader {
        try read(path) { try PowersOfTauReader(contentsOf: $0) }
    }

    static func zkey(_ path: String) throws -> ZKeyFile {
        try read(path) { try ZKeyFile(contentsOf: $0) }
    }

    static func r1cs(_ path: String) throws -> R1CS {
        try read(path) { try R1CSFile(contentsOf: $0).r1cs }
    }

    static func read<T>(_ path: String, _ decode: (URL) throws -> T) throws -> T {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.isReadableFile(atPath: path) else { throw CLIFailure.malformed("\(path): cannot read the file") }
        do {
            return try decode(url)
        } catch let e as FormatError {
            throw CLIFailure.malformed("\(path): \(e)")
        } catch let e as CeremonyError {
            throw CLIFailure.malformed("\(path): \(e)")
        } catch {
            throw CLIFailure.malformed("\(path): \(error)")
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        do { try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIFailure.malformed("\(path): cannot write: \(error.localizedDescription)")
        }
    }

    static func write(_ text: String, to path: String) throws { try write(Array(text.utf8), to: path) }

    /// The bases a circuit needs from a .ptau: read from a prepared file, or computed (only the
    /// levels the circuit needs) from an unprepared one.
    static func phase2Basis(_ r1cs: R1CS, _ path: String, progress: CeremonyProgress?) throws -> Phase2Basis {
        let reader = try ptauReader(path)
        return try step {
            reader.isPrepared ? try Phase2Basis(r1cs: r1cs, ptau: reader)
                              : try Phase2Basis(r1cs: r1cs, ptau: try reader.file(), progress: progress)
        }
    }

    /// Runs a ceremony step whose refusal (a reduced file, a circuit too big, a bad beacon) is
    /// a usage error: exit 2.
    static func step<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CeremonyError {
            throw CLIFailure.malformed(e.description)
        } catch let e as FormatError {
            throw CLIFailure.malformed(e.description)
        }
    }

    /// Runs a verification: its `CeremonyError` is exit 1.
    static func verification<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CeremonyError {
            throw CLIFailure.invalid("verification failed: \(e)")
        } catch let e as FormatError {
            throw CLIFailure.malformed(e.description)
        }
    }

    /// A 64-byte hash as snarkjs prints it: four lines of four 8-digit groups.
    static func formatHash(_ hash: [UInt8], title: String) -> String {
        let hex = hash.hexString
        var lines = [title]
        for row in 0..<(hex.count / 32) {
            let start = hex.index(hex.startIndex, offsetBy: 32 * row)
            let chunk = hex[start..<hex.index(start, offsetBy: 32)]
            let groups = stride(from: 0, to: 32, by: 8).map { i -> Substring in
                let a = chunk.index(chunk.startIndex, offsetBy: i)
                return chunk[a..<chunk.index(a, offsetBy: 8)]
            }
            lines.append("\t\t" + groups.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    /// A beacon value from hexadecimal text.
    static func beaconValue(_ text: String) throws -> [UInt8] {
        guard let bytes = [UInt8](hexString: text), !bytes.isEmpty else {
            throw CLIFailure.malformed("--beacon: '\(text)' is not a hexadecimal value with an even number of digits")
        }
        return bytes
    }
}

import Foundation

/// Runs a program with bytes on stdin and collects its output: the one process runner of the
/// test oracles (Python scripts, solc).
public enum Subprocess {
    /// A run that exited with a non-zero status.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` with `arguments` and `stdin`; returns its standard output, or throws
    /// `Failure` with its standard error when it exits with a non-zero status.
    public static func run(_ executable: String, _ arguments: [String], stdin: Data) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read stdout and stderr while writing, so a large answer cannot block the child.
        nonisolated(unsafe) var out = Data(), err = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { out = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = errors.fileHandleForReading.readDataToEndOfFile() }
        input.fileHandleForWriting.write(stdin)
        try input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let name = arguments.first ?? executable
            throw Failure(description: "\(name) exited with \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
        }
        return out
    }
}

import Foundation

/// Runs a program to completion with bytes on its standard input and returns its standard
/// output (solc here; the tests' oracles too).
public enum ChildProcess {
    /// The program exited with a non-zero status; `description` quotes its standard error.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Runs `executable` with `arguments`, writes `stdin`, and returns everything it printed
    /// on standard output; throws `Failure` when it exits with a non-zero status.
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

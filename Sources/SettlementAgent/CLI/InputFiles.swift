import Foundation
import Groth16

/// Reading the files a command is given: any failure is malformed input (exit 2) with a
/// message that names the file and what is wrong inside it.
enum InputFiles {
    static func data(_ path: String, what: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure.malformed("\(what) \(path): cannot read the file")
        }
        return data
    }

    /// Decodes a file with `decode`, naming the file in any error.
    static func decode<T>(_ path: String, what: String, _ decode: (Data) throws -> T) throws -> T {
        let bytes = try data(path, what: what)
        do { return try decode(bytes) } catch let failure as CLIFailure { throw failure } catch {
            throw CLIFailure.malformed("\(what) \(path): \(error)")
        }
    }

    /// Writes text to `path` (atomically).
    static func write(_ text: String, to path: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIFailure.malformed("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// One decoder under fuzzing: a function from untrusted bytes to an outcome.
///
/// A decoder may accept its input or reject it with one of its documented error types; it
/// must never trap, hang or allocate without bound. `run` returns the outcome's class
/// ("ok", or the error's kind and place), which the engine uses to keep inputs that reach a
/// class it has not seen; it throws `FuzzFinding` when the decoder breaks its contract
/// without crashing (an undocumented error type, an accepted value that does not encode
/// back to what was read).
public struct FuzzTarget: Sendable {
    /// How inputs of this target are shaped, which picks the mutations that suit them.
    public enum InputShape: Sendable {
        /// An iden3 binary container (.r1cs, .wtns, .zkey, .ptau).
        case container
        /// A JSON document.
        case json
        /// Fixed-width big-endian words (EVM encodings).
        case words
    }

    /// The target's name, also its corpus folder (tests/fuzz/corpus/<name>).
    public let name: String
    public let shape: InputShape
    /// Inputs are cut to this many bytes, so an input's cost stays bounded.
    public let maxInputBytes: Int
    let body: @Sendable ([UInt8]) throws -> String

    public init(name: String, shape: InputShape, maxInputBytes: Int, _ body: @escaping @Sendable ([UInt8]) throws -> String) {
        self.name = name
        self.shape = shape
        self.maxInputBytes = maxInputBytes
        self.body = body
    }

    /// Runs one input: its outcome class, or a `FuzzFinding`.
    public func run(_ input: [UInt8]) throws(FuzzFinding) -> String {
        do {
            return try body(input)
        } catch let finding as FuzzFinding {
            throw finding
        } catch {
            throw FuzzFinding(target: name, kind: .unexpectedError, detail: "\(type(of: error)): \(error)")
        }
    }
}

/// A broken contract found without a crash.
public struct FuzzFinding: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// The decoder threw an error type it does not document.
        case unexpectedError = "unexpected error"
        /// An accepted input does not encode back to the same bytes or value.
        case roundTrip = "round trip"
    }

    public let target: String
    public let kind: Kind
    public let detail: String

    public init(target: String, kind: Kind, detail: String) {
        self.target = target
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(target): \(kind.rawValue): \(detail)" }
}

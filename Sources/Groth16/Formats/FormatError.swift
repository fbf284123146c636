/// The snarkjs/iden3 files this module reads and writes.
public enum FileKind: String, Sendable, Equatable, CaseIterable {
    case r1cs
    case wtns
    case zkey
    case ptau
    case proofJSON = "proof.json"
    case publicSignalsJSON = "public.json"
    case verificationKeyJSON = "verification_key.json"

    /// The 4-byte magic of a binary container ("r1cs", "wtns", "zkey", "ptau"); nil for JSON.
    public var magic: [UInt8]? {
        switch self {
        case .r1cs, .wtns, .zkey, .ptau: return Array(rawValue.utf8)
        case .proofJSON, .publicSignalsJSON, .verificationKeyJSON: return nil
        }
    }

    /// The container version this module reads and writes (r1cs, zkey, ptau: 1; wtns: 2).
    public var version: UInt32? {
        switch self {
        case .r1cs, .zkey, .ptau: return 1
        case .wtns: return 2
        case .proofJSON, .publicSignalsJSON, .verificationKeyJSON: return nil
        }
    }
}

/// Why a file could not be read: the file kind, the section (for binary files) and the reason,
/// with expected and actual values where there are any.
public struct FormatError: Error, Equatable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        /// The first four bytes are not the file kind's magic.
        case badMagic(found: [UInt8])
        /// The container version is not the one this module reads.
        case unsupportedVersion(expected: UInt32, found: UInt32)
        /// A read of `needed` bytes at `offset` (within the section, or the file) found only
        /// `available` bytes.
        case truncated(offset: Int, needed: Int, available: Int)
        /// A section header declares more bytes than remain in the file.
        case sectionOverrun(declared: UInt64, available: Int)
        /// The section's length does not match what its content requires.
        case sectionSize(expected: Int, actual: Int)
        /// A required section is absent.
        case missingSection
        /// A section id occurs more than once.
        case duplicateSection
        /// A section id this file kind does not define.
        case unexpectedSection
        /// Bytes follow the last section.
        case trailingBytes(count: Int)
        /// The field element size is not 32 bytes.
        case fieldSize(expected: Int, found: Int)
        /// The file's prime is not the BN254 prime it must be.
        case wrongPrime(expected: String, found: String)
        /// A scalar (wire value, coefficient, public signal) is not a canonical field element.
        case invalidScalar(what: String, index: Int?, FieldError)
        /// A point is malformed, not on its curve or not in the prime-order subgroup.
        case invalidPoint(what: String, index: Int?, CurveError)
        /// A value contradicts the format or another value of the file.
        case invalidValue(what: String, reason: String)
        /// A JSON document does not have the expected shape; `path` locates the value.
        case json(path: String, reason: String)
    }

    /// The kind of file being read.
    public var file: FileKind
    /// The section id, for errors inside a section of a binary file.
    public var section: UInt32?
    /// What was wrong.
    public var reason: Reason

    public init(file: FileKind, section: UInt32? = nil, _ reason: Reason) {
        self.file = file
        self.section = section
        self.reason = reason
    }

    public var description: String {
        let place = section.map { "\(file.rawValue) section \($0)" } ?? file.rawValue
        switch reason {
        case let .badMagic(found):
            let shown = found.map { $0 >= 0x20 && $0 < 0x7f ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }.joined()
            return "\(place): magic is '\(shown)', expected '\(file.rawValue)'"
        case let .unsupportedVersion(expected, found):
            return "\(place): version \(found), expected \(expected)"
        case let .truncated(offset, needed, available):
            return "\(place): truncated at offset \(offset): needs \(needed) bytes, only \(available) left"
        case let .sectionOverrun(declared, available):
            return "\(place): declared size \(declared) bytes exceeds the \(available) bytes left in the file"
        case let .sectionSize(expected, actual):
            return "\(place): size is \(actual) bytes, expected \(expected)"
        case .missingSection:
            return "\(place): missing"
        case .duplicateSection:
            return "\(place): appears more than once"
        case .unexpectedSection:
            return "\(place): not a section of a \(file.rawValue) file"
        case let .trailingBytes(count):
            return "\(place): \(count) bytes after the last section"
        case let .fieldSize(expected, found):
            return "\(place): field element size \(found) bytes, expected \(expected)"
        case let .wrongPrime(expected, found):
            return "\(place): prime \(found), expected \(expected)"
        case let .invalidScalar(what, index, error):
            return "\(place): \(what)\(index.map { " \($0)" } ?? ""): \(error)"
        case let .invalidPoint(what, index, error):
            return "\(place): \(what)\(index.map { " \($0)" } ?? ""): \(error)"
        case let .invalidValue(what, reason):
            return "\(place): \(what): \(reason)"
        case let .json(path, reason):
            return "\(place): \(path.isEmpty ? "document" : path): \(reason)"
        }
    }
}

import Groth16

/// A 20-byte Ethereum account or contract address. Parsed from "0x" + 40 hex digits (either
/// case; the EIP-55 checksum is not required); written in lower case.
public struct EthereumAddress: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 20 bytes, big-endian.
    public let bytes: [UInt8]

    /// Wraps 20 bytes; throws for any other length.
    public init(bytes: [UInt8]) throws(HexError) {
        guard bytes.count == 20 else { throw .malformed(field: "address", reason: "expected 20 bytes, got \(bytes.count)") }
        self.bytes = bytes
    }

    /// The address of an uncompressed secp256k1 public key (64 bytes, x || y): the last 20
    /// bytes of its Keccak-256 digest.
    public init(publicKey: [UInt8]) {
        precondition(publicKey.count == 64, "an uncompressed public key without its 0x04 prefix has 64 bytes")
        bytes = Array(Keccak256.hash(publicKey).suffix(20))
    }

    /// Parses "0x" + 40 hex digits; `field` names the value in the error.
    public init(hex text: String, field: String = "address") throws(HexError) {
        bytes = try Hex.bytes(text, count: 20, field: field)
    }

    /// "0x" + 40 lower-case hex digits.
    public var description: String { Hex.data(bytes) }

    public static func < (a: EthereumAddress, b: EthereumAddress) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    public init(from decoder: any Decoder) throws {
        self = try EthereumAddress(hex: try decoder.singleValueContainer().decode(String.self), field: decoder.fieldName)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A 32-byte value: a block or transaction hash, a log topic, a storage word.
public struct Bytes32: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 32 bytes, big-endian.
    public let bytes: [UInt8]

    /// Wraps 32 bytes; throws for any other length.
    public init(bytes: [UInt8]) throws(HexError) {
        guard bytes.count == 32 else { throw .malformed(field: "bytes32", reason: "expected 32 bytes, got \(bytes.count)") }
        self.bytes = bytes
    }

    /// The Keccak-256 digest of `message` (Ethereum's hash).
    public init(keccak256Of message: [UInt8]) { bytes = Keccak256.hash(message) }

    /// Parses "0x" + 64 hex digits; `field` names the value in the error.
    public init(hex text: String, field: String = "bytes32") throws(HexError) {
        bytes = try Hex.bytes(text, count: 32, field: field)
    }

    /// "0x" + 64 lower-case hex digits.
    public var description: String { Hex.data(bytes) }

    public init(from decoder: any Decoder) throws {
        self = try Bytes32(hex: try decoder.singleValueContainer().decode(String.self), field: decoder.fieldName)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Decoder {
    /// The coding path as text, to name a field in an error.
    var fieldName: String { codingPathText(codingPath) }
}

/// A coding path as text ("logs.0.topics.1").
func codingPathText(_ path: [any CodingKey]) -> String {
    path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
}

import Foundation

/// A file in one of the iden3 binary formats (.r1cs, .wtns, .zkey, .ptau): decoded from bytes
/// with every value checked, and encoded back.
public protocol SnarkJSBinaryFile {
    /// The file kind (magic, version) this type reads and writes.
    static var fileKind: FileKind { get }
    /// Decodes and validates a whole file. Throws `FormatError` on anything malformed.
    init(fileBytes: UnsafeRawBufferPointer) throws
    /// The file's bytes.
    func fileBytes() -> [UInt8]
}

extension SnarkJSBinaryFile {
    /// Decodes a file held in memory (`Data`, `[UInt8]`, ...).
    public init(fileBytes bytes: some ContiguousBytes) throws {
        self = try bytes.withUnsafeBytes { try Self(fileBytes: $0) }
    }

    /// Reads and decodes the file at `url` (memory-mapped where possible).
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        try self.init(fileBytes: data)
    }

    /// Writes the file to `url` atomically.
    public func write(to url: URL) throws {
        try Data(fileBytes()).write(to: url, options: .atomic)
    }
}

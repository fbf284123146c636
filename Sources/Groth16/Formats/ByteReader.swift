/// Bounds-checked little-endian reads from a region of a file (a section, or the container
/// header). Every failure is a `FormatError` naming the file kind, the section and the sizes.
/// The region must stay valid while the reader is used.
struct ByteReader {
    let region: UnsafeRawBufferPointer
    let file: FileKind
    let section: UInt32?
    /// Bytes consumed so far.
    private(set) var offset = 0

    init(_ region: UnsafeRawBufferPointer, file: FileKind, section: UInt32?) {
        self.region = region
        self.file = file
        self.section = section
    }

    var remaining: Int { region.count - offset }

    func error(_ reason: FormatError.Reason) -> FormatError {
        FormatError(file: file, section: section, reason)
    }

    /// Consumes `count` bytes and returns them as a sub-region.
    mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw error(.truncated(offset: offset, needed: count, available: remaining))
        }
        let slice = UnsafeRawBufferPointer(rebasing: region[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// Consumes `count` elements of `stride` bytes; the product is checked for overflow.
    mutating func take(count: Int, stride: Int) throws -> UnsafeRawBufferPointer {
        let (total, overflow) = count.multipliedReportingOverflow(by: stride)
        guard count >= 0, !overflow else {
            throw error(.truncated(offset: offset, needed: .max, available: remaining))
        }
        return try take(total)
    }

    mutating func u8() throws -> UInt8 { try take(1)[0] }

    mutating func u32() throws -> UInt32 {
        UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self))
    }

    /// A u32 count or size as an Int (always fits on 64-bit platforms).
    mutating func count32() throws -> Int { Int(try u32()) }

    mutating func bytes(_ count: Int) throws -> [UInt8] { Array(try take(count)) }

    /// The u32 field size followed by the prime; checks both against the field `P`.
    mutating func primeHeader<P: MontgomeryParameters>(of _: P.Type) throws {
        let n8 = try count32()
        guard n8 == 32 else { throw error(.fieldSize(expected: 32, found: n8)) }
        let found = Limbs.load(try take(32).baseAddress!)
        guard found == (P.m0, P.m1, P.m2, P.m3) else {
            throw error(.wrongPrime(expected: P.derived.modulus.description,
                                    found: BigInteger(words: [found.0, found.1, found.2, found.3]).description))
        }
    }

    /// Fails with `sectionSize` unless the whole region was consumed.
    func expectEnd() throws {
        guard remaining == 0 else { throw error(.sectionSize(expected: offset, actual: region.count)) }
    }

    /// Fails with `sectionSize` unless the region has exactly `expected` bytes (checked before
    /// anything is decoded or allocated).
    func expectSize(_ expected: Int) throws {
        guard region.count == expected else { throw error(.sectionSize(expected: expected, actual: region.count)) }
    }
}

/// Loads the four little-endian 64-bit limbs of a 32-byte field encoding.
enum Limbs {
    @inline(__always)
    static func load(_ p: UnsafeRawPointer) -> (UInt64, UInt64, UInt64, UInt64) {
        (UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)),
         UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
         UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
         UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
    }
}

// The iden3 binary container shared by .r1cs, .wtns, .zkey and .ptau: a 4-byte magic, u32
// version, u32 number of sections, then sections of (u32 id, u64 byte size, payload). All
// integers are little-endian. Sections may come in any order; readers index them by id.

/// A parsed container: the section table of a byte buffer that outlives it.
struct BinaryContainer {
    struct Section {
        let id: UInt32
        let range: Range<Int>
    }

    let file: FileKind
    let bytes: UnsafeRawBufferPointer
    /// The sections in file order.
    let sections: [Section]

    /// Parses the header and section table. Checks the magic and version, that every section
    /// lies inside the file, that no id repeats, that every id is in `allowed` (when given),
    /// and that nothing follows the last section.
    init(_ bytes: UnsafeRawBufferPointer, file: FileKind, allowed: Set<UInt32>?) throws {
        self.file = file
        self.bytes = bytes
        var header = ByteReader(bytes, file: file, section: nil)
        let magic = try header.bytes(4)
        guard magic == file.magic! else { throw header.error(.badMagic(found: magic)) }
        let version = try header.u32()
        guard version == file.version! else {
            throw header.error(.unsupportedVersion(expected: file.version!, found: version))
        }
        let declaredCount = try header.u32()
        var sections: [Section] = []
        sections.reserveCapacity(min(Int(declaredCount), header.remaining / 12))
        var seen = Set<UInt32>()
        for _ in 0..<declaredCount {
            let id = try header.u32()
            let size = try header.u64()
            let fault = { (reason: FormatError.Reason) in FormatError(file: file, section: id, reason) }
            guard size <= UInt64(header.remaining) else {
                throw fault(.sectionOverrun(declared: size, available: header.remaining))
            }
            guard seen.insert(id).inserted else { throw fault(.duplicateSection) }
            if let allowed, !allowed.contains(id) { throw fault(.unexpectedSection) }
            let start = header.offset
            _ = try header.take(Int(size))
            sections.append(Section(id: id, range: start..<(start + Int(size))))
        }
        guard header.remaining == 0 else { throw header.error(.trailingBytes(count: header.remaining)) }
        self.sections = sections
    }

    /// Section ids in file order.
    var order: [UInt32] { sections.map(\.id) }

    func contains(_ id: UInt32) -> Bool { sections.contains { $0.id == id } }

    /// A reader over the payload of a required section.
    func reader(_ id: UInt32) throws -> ByteReader {
        guard let s = sections.first(where: { $0.id == id }) else {
            throw FormatError(file: file, section: id, .missingSection)
        }
        return ByteReader(UnsafeRawBufferPointer(rebasing: bytes[s.range]), file: file, section: id)
    }

    /// A reader over an optional section's payload.
    func optionalReader(_ id: UInt32) throws -> ByteReader? {
        contains(id) ? try reader(id) : nil
    }
}

/// Writes a container. Sections are emitted in a preferred order (the ids the file has, in
/// that order, then the remaining ids ascending) so a file read and written back keeps its
/// layout; each section's size is patched in after its payload.
enum BinaryContainerWriter {
    typealias Encoder = (inout ByteWriter) -> Void

    static func write(file: FileKind, order preferred: [UInt32], sections: [(id: UInt32, encode: Encoder)],
                      capacity: Int = 0) -> [UInt8] {
        var out = ByteWriter(capacity: capacity)
        out.append(file.magic!)
        out.u32(file.version!)
        out.u32(sections.count)
        for id in order(preferred: preferred, present: sections.map(\.id)) {
            let encode = sections.first { $0.id == id }!.encode
            out.u32(id)
            let sizeOffset = out.count
            out.u64(0)
            encode(&out)
            out.patchU64(UInt64(out.count - sizeOffset - 8), at: sizeOffset)
        }
        return out.bytes
    }

    /// The ids of `present` in the order of `preferred`, then the others ascending.
    static func order(preferred: [UInt32], present: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        for id in preferred where present.contains(id) && !result.contains(id) { result.append(id) }
        for id in present.sorted() where !result.contains(id) { result.append(id) }
        return result
    }
}

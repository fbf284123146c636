// The iden3 .r1cs format (magic "r1cs", version 1; iden3/r1csfile doc/r1cs_bin_format.md):
//   section 1, header: u32 field size (32), prime r, u32 nWires, u32 nPubOut, u32 nPubIn,
//                      u32 nPrvIn, u64 nLabels, u32 nConstraints
//   section 2, constraints: per constraint the linear combinations A, B, C, each a u32 term
//                      count then (u32 wire, 32-byte canonical little-endian coefficient) terms
//   section 3, wire-to-label map: one u64 label per wire (optional)
//   sections 4, 5: custom gates (PLONK only); these and unknown sections are kept verbatim.

/// A section this module does not interpret, kept byte for byte.
public struct RawSection: Equatable, Sendable {
    public var id: UInt32
    public var payload: [UInt8]

    public init(id: UInt32, payload: [UInt8]) {
        self.id = id
        self.payload = payload
    }
}

/// A .r1cs file: the constraint system plus the header and layout details needed to write the
/// file back byte for byte.
public struct R1CSFile: SnarkJSBinaryFile, Equatable, Sendable {
    public static var fileKind: FileKind { .r1cs }

    static let headerSection: UInt32 = 1
    static let constraintsSection: UInt32 = 2
    static let labelsSection: UInt32 = 3

    /// The constraint system (the field must be BN254's r).
    public var r1cs: R1CS
    /// The header's nLabels: how many labelled signals the compiler knew (at least the wires).
    public var numLabels: UInt64
    /// Sections not interpreted here (custom gates 4 and 5, unknown ids), kept verbatim.
    public var otherSections: [RawSection]
    /// The order in which the writer emits sections (the order of the file that was read; 1, 2,
    /// 3 for a new file). Ids absent from the file are skipped; missing ones follow ascending.
    public var sectionOrder: [UInt32]

    /// A new file for `r1cs`. The label map (section 3) is written when `r1cs.wireLabels` is
    /// not empty.
    public init(r1cs: R1CS, numLabels: UInt64? = nil) {
        self.r1cs = r1cs
        self.numLabels = numLabels ?? UInt64(r1cs.numWires)
        self.otherSections = []
        self.sectionOrder = [1, 2, 3]
    }

    public init(fileBytes bytes: UnsafeRawBufferPointer) throws {
        let container = try BinaryContainer(bytes, file: .r1cs, allowed: nil)
        var header = try container.reader(Self.headerSection)
        try header.primeHeader(of: FrParameters.self)
        let numWires = try header.count32()
        let numPublicOutputs = try header.count32()
        let numPublicInputs = try header.count32()
        let numPrivateInputs = try header.count32()
        numLabels = try header.u64()
        let numConstraints = try header.count32()
        try header.expectEnd()
        guard numWires >= 1 + numPublicOutputs + numPublicInputs + numPrivateInputs else {
            throw header.error(.invalidValue(
                what: "nWires", reason: "\(numWires) wires cannot hold the constant, \(numPublicOutputs) outputs, "
                    + "\(numPublicInputs) public and \(numPrivateInputs) private inputs"))
        }

        var body = try container.reader(Self.constraintsSection)
        let constraints = try Self.readConstraints(&body, count: numConstraints, numWires: numWires)

        var labels: [UInt64] = []
        if var map = try container.optionalReader(Self.labelsSection) {
            try map.expectSize(numWires * 8)
            labels.reserveCapacity(numWires)
            for _ in 0..<numWires { labels.append(try map.u64()) }
        }

        r1cs = R1CS(numWires: numWires, numPublicOutputs: numPublicOutputs, numPublicInputs: numPublicInputs,
                    numPrivateInputs: numPrivateInputs, constraints: constraints, wireLabels: labels)
        let known: Set<UInt32> = [Self.headerSection, Self.constraintsSection, Self.labelsSection]
        otherSections = container.sections.filter { !known.contains($0.id) }.map {
            RawSection(id: $0.id, payload: Array(UnsafeRawBufferPointer(rebasing: bytes[$0.range])))
        }
        sectionOrder = container.order
    }

    private static func readConstraints(_ body: inout ByteReader, count: Int, numWires: Int) throws -> [Constraint] {
        // Each constraint takes at least 12 bytes: bound the reservation by the data.
        var constraints: [Constraint] = []
        constraints.reserveCapacity(min(count, body.remaining / 12))
        for i in 0..<count {
            let a = try readCombination(&body, constraint: i, matrix: "A", numWires: numWires)
            let b = try readCombination(&body, constraint: i, matrix: "B", numWires: numWires)
            let c = try readCombination(&body, constraint: i, matrix: "C", numWires: numWires)
            constraints.append(Constraint(a: a, b: b, c: c))
        }
        try body.expectEnd()
        return constraints
    }

    private static func readCombination(_ body: inout ByteReader, constraint: Int, matrix: String,
                                        numWires: Int) throws -> LinearCombination {
        let n = try body.count32()
        let region = try body.take(count: n, stride: 36)
        var terms: [Term] = []
        terms.reserveCapacity(n)
        for j in 0..<n {
            let p = region.baseAddress! + 36 * j
            let wire = Int(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
            let what = "constraint \(constraint) \(matrix) term"
            guard wire < numWires else {
                throw body.error(.invalidValue(what: "\(what) \(j)", reason: "wire \(wire) >= nWires \(numWires)"))
            }
            do {
                terms.append(Term(wire: wire, coefficient: try LEM.frCanonical(p + 4)))
            } catch {
                throw body.wrap(error, what: what, index: j)
            }
        }
        return LinearCombination(terms)
    }

    public func fileBytes() -> [UInt8] {
        var sections: [(id: UInt32, encode: BinaryContainerWriter.Encoder)] = [
            (Self.headerSection, encodeHeader),
            (Self.constraintsSection, encodeConstraints),
        ]
        if !r1cs.wireLabels.isEmpty {
            sections.append((Self.labelsSection, { out in for l in r1cs.wireLabels { out.u64(l) } }))
        }
        for raw in otherSections { sections.append((raw.id, { $0.append(raw.payload) })) }
        return BinaryContainerWriter.write(file: .r1cs, order: sectionOrder, sections: sections)
    }

    private func encodeHeader(_ out: inout ByteWriter) {
        out.u32(32)
        out.limbs((FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3))
        out.u32(r1cs.numWires)
        out.u32(r1cs.numPublicOutputs)
        out.u32(r1cs.numPublicInputs)
        out.u32(r1cs.numPrivateInputs)
        out.u64(numLabels)
        out.u32(r1cs.constraints.count)
    }

    private func encodeConstraints(_ out: inout ByteWriter) {
        for c in r1cs.constraints {
            Self.encode(c.a, to: &out)
            Self.encode(c.b, to: &out)
            Self.encode(c.c, to: &out)
        }
    }

    private static func encode(_ lc: LinearCombination, to out: inout ByteWriter) {
        out.u32(lc.terms.count)
        for t in lc.terms {
            out.u32(t.wire)
            out.frCanonical(t.coefficient)
        }
    }
}

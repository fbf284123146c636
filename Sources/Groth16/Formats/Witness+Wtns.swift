// The iden3 .wtns format (magic "wtns", version 2), as circom's witness calculators and
// snarkjs write it:
//   section 1: u32 field size (32), prime r, u32 nWitness
//   section 2: nWitness values, 32-byte canonical little-endian each
// Values are checked to be below r. Value 0 is the constant 1 (checked by `R1CS.check`).

extension Witness: SnarkJSBinaryFile {
    public static var fileKind: FileKind { .wtns }

    public init(fileBytes bytes: UnsafeRawBufferPointer) throws {
        let container = try BinaryContainer(bytes, file: .wtns, allowed: [1, 2])
        var header = try container.reader(1)
        try header.primeHeader(of: FrParameters.self)
        let count = try header.count32()
        try header.expectEnd()
        var body = try container.reader(2)
        try body.expectSize(count * 32)
        let region = try body.take(count * 32)
        let values = try body.decodeRecords(region, count: count, stride: 32, placeholder: Fr.zero,
                                            minimumChunk: 1 << 14, what: "witness value") { p, _ in
            try LEM.frCanonical(p)
        }
        self.init(values: values)
    }

    public func fileBytes() -> [UInt8] {
        BinaryContainerWriter.write(file: .wtns, order: [1, 2], sections: [
            (1, { out in
                out.u32(32)
                out.limbs((FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3))
                out.u32(values.count)
            }),
            (2, { out in for v in values { out.frCanonical(v) } }),
        ], capacity: 12 + 12 + 40 + 12 + 32 * values.count)
    }
}

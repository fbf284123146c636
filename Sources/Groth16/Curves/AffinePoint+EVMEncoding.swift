// EVM (EIP-196/197) encodings: 32-byte big-endian words; G1 = x || y; G2 = x.c1 || x.c0 ||
// y.c1 || y.c0 (imaginary part first); (0, 0) is the point at infinity.

extension AffinePoint where C == G1Parameters {
    /// The 64-byte EVM encoding.
    public var evmBytes: [UInt8] { x.bigEndianBytes + y.bigEndianBytes }

    /// Decodes 64 bytes as the ecAdd/ecMul/ecPairing precompiles do: canonical coordinates
    /// (< q), on the curve (G1 has cofactor 1), or (0, 0) for infinity.
    public init<Bytes: Collection>(evmBytes bytes: Bytes) throws where Bytes.Element == UInt8 {
        let b = Array(bytes)
        guard b.count == 64 else {
            throw CurveError.malformedEncoding(group: "G1", reason: "expected 64 bytes, got \(b.count)")
        }
        let x = try Self.coordinate(b[0..<32], "x")
        let y = try Self.coordinate(b[32..<64], "y")
        try self.init(x: x, y: y)
    }

    static func coordinate(_ bytes: ArraySlice<UInt8>, _ name: String) throws -> Fp {
        do { return try Fp(canonicalBigEndian: bytes) } catch {
            throw CurveError.invalidCoordinate(group: "G1", reason: "\(name) is not below the field modulus")
        }
    }
}

extension AffinePoint where C == G2Parameters {
    /// The 128-byte EVM encoding (imaginary parts first).
    public var evmBytes: [UInt8] {
        x.c1.bigEndianBytes + x.c0.bigEndianBytes + y.c1.bigEndianBytes + y.c0.bigEndianBytes
    }

    /// Decodes 128 bytes as the ecPairing precompile does: canonical coordinates, on the twist,
    /// in the order-r subgroup, or all zeros for infinity.
    public init<Bytes: Collection>(evmBytes bytes: Bytes) throws where Bytes.Element == UInt8 {
        let b = Array(bytes)
        guard b.count == 128 else {
            throw CurveError.malformedEncoding(group: "G2", reason: "expected 128 bytes, got \(b.count)")
        }
        func word(_ i: Int, _ name: String) throws -> Fp {
            do { return try Fp(canonicalBigEndian: b[(32 * i)..<(32 * i + 32)]) } catch {
                throw CurveError.invalidCoordinate(group: "G2", reason: "\(name) is not below the field modulus")
            }
        }
        let x = Fp2(try word(1, "x.c0"), try word(0, "x.c1"))
        let y = Fp2(try word(3, "y.c0"), try word(2, "y.c1"))
        try self.init(x: x, y: y)
    }
}

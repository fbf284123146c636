/// The EVM's BN254 precompiled contracts with their exact byte semantics: ecAdd (address 0x06)
/// and ecMul (0x07) of EIP-196, ecPairing (0x08) of EIP-197.
///
/// Words are 32-byte big-endian; a G1 point is x ‖ y, a G2 point x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0
/// (imaginary parts first); (0, 0) encodes infinity. Every coordinate must be below the field
/// modulus and every point on its curve (G2 points also in the order-r subgroup); otherwise
/// the call fails, which these functions report by throwing `PrecompileError`.
public enum EVMPrecompiles {
    /// ecAdd: the 64-byte sum of two G1 points. The input is read as 128 bytes: shorter inputs
    /// are right-padded with zeros, longer ones truncated.
    public static func ecAdd(_ input: [UInt8]) throws -> [UInt8] {
        let data = resized(input, to: 128)
        let a = try g1(data, offset: 0, precompile: "ecAdd")
        let b = try g1(data, offset: 64, precompile: "ecAdd")
        return (a.jacobian + b).affine.evmBytes
    }

    /// ecMul: the 64-byte product of a G1 point and a 256-bit scalar (any value, including
    /// values ≥ r). The input is read as 96 bytes: point ‖ scalar, padded or truncated as ecAdd.
    public static func ecMul(_ input: [UInt8]) throws -> [UInt8] {
        let data = resized(input, to: 96)
        let p = try g1(data, offset: 0, precompile: "ecMul")
        let limbs = (word(data, 88), word(data, 80), word(data, 72), word(data, 64))
        return p.jacobian.multipliedVartime(byLimbs: limbs).affine.evmBytes
    }

    /// ecPairing: 32 bytes, 1 if Π e(p_i, q_i) = 1 and 0 otherwise, for k pairs (G1 ‖ G2,
    /// 192 bytes each). The input length must be a multiple of 192; the empty input gives 1.
    /// Every point is checked before any pairing is computed.
    public static func ecPairing(_ input: [UInt8]) throws -> [UInt8] {
        guard input.count % 192 == 0 else {
            throw PrecompileError.invalidInputLength(precompile: "ecPairing", count: input.count)
        }
        var pairs: [(G1Affine, G2Affine)] = []
        pairs.reserveCapacity(input.count / 192)
        for offset in stride(from: 0, to: input.count, by: 192) {
            let p = try g1(input, offset: offset, precompile: "ecPairing")
            let q: G2Affine
            do { q = try G2Affine(evmBytes: input[(offset + 64)..<(offset + 192)]) } catch let e as CurveError {
                throw PrecompileError.invalidPoint(precompile: "ecPairing", offset: offset + 64, reason: e)
            }
            pairs.append((p, q))
        }
        var output = [UInt8](repeating: 0, count: 32)
        if Pairing.productIsOne(pairs) { output[31] = 1 }
        return output
    }

    /// The input right-padded with zeros or truncated to `count` bytes.
    static func resized(_ input: [UInt8], to count: Int) -> [UInt8] {
        input.count >= count ? Array(input.prefix(count)) : input + [UInt8](repeating: 0, count: count - input.count)
    }

    /// The big-endian 64-bit word at `offset`.
    static func word(_ data: [UInt8], _ offset: Int) -> UInt64 {
        data[offset..<(offset + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func g1(_ data: [UInt8], offset: Int, precompile: String) throws -> G1Affine {
        do { return try G1Affine(evmBytes: data[offset..<(offset + 64)]) } catch let e as CurveError {
            throw PrecompileError.invalidPoint(precompile: precompile, offset: offset, reason: e)
        }
    }
}

/// Why a precompile call fails (the EVM call returns failure and consumes its gas).
public enum PrecompileError: Error, Equatable, CustomStringConvertible {
    /// ecPairing's input is not a whole number of 192-byte pairs.
    case invalidInputLength(precompile: String, count: Int)
    /// The point starting at byte `offset` is malformed, off its curve or outside the subgroup.
    case invalidPoint(precompile: String, offset: Int, reason: CurveError)

    public var description: String {
        switch self {
        case let .invalidInputLength(name, count):
            return "\(name): input length \(count) is not a multiple of 192"
        case let .invalidPoint(name, offset, reason):
            return "\(name): invalid point at byte \(offset): \(reason)"
        }
    }
}

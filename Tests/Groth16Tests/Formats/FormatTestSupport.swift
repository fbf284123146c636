import Foundation
import Testing
import TestSupport
@testable import Groth16

/// One section of a container, located independently of the reader under test.
struct RawSectionEntry {
    let id: UInt32
    /// Offset of the section's (id, size) header.
    let headerOffset: Int
    /// Offset of the payload.
    let payloadOffset: Int
    let size: Int
}

enum FormatFixtures {
    /// The sections of a well-formed container, by plain reading of the layout.
    static func sections(_ bytes: [UInt8]) -> [RawSectionEntry] {
        func u32(_ o: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[o + $1]) << (8 * UInt32($1)) } }
        func u64(_ o: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[o + $1]) << (8 * UInt64($1)) } }
        var result: [RawSectionEntry] = []
        var offset = 12
        for _ in 0..<u32(8) {
            let size = Int(u64(offset + 4))
            result.append(RawSectionEntry(id: u32(offset), headerOffset: offset, payloadOffset: offset + 12, size: size))
            offset += 12 + size
        }
        return result
    }

    static func section(_ id: UInt32, of bytes: [UInt8]) -> RawSectionEntry {
        sections(bytes).first { $0.id == id }!
    }

    static func patched(_ bytes: [UInt8], at offset: Int, with patch: [UInt8]) -> [UInt8] {
        var copy = bytes
        copy.replaceSubrange(offset..<(offset + patch.count), with: patch)
        return copy
    }

    static func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func le64(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// 32 little-endian bytes of limbs.
    static func limbBytes(_ w: (UInt64, UInt64, UInt64, UInt64)) -> [UInt8] {
        le64(w.0) + le64(w.1) + le64(w.2) + le64(w.3)
    }

    static let qBytes = limbBytes((FpParameters.m0, FpParameters.m1, FpParameters.m2, FpParameters.m3))
    static let rBytes = limbBytes((FrParameters.m0, FrParameters.m1, FrParameters.m2, FrParameters.m3))

    /// A point on the G2 twist outside the order-r subgroup (the twist's cofactor is huge, so
    /// any point found is almost surely outside the subgroup; checked).
    static let g2OutsideSubgroup: G2Affine = {
        var x = Fp2(Fp(1), Fp(0))
        while true {
            if let y = (x.squared() * x + G2Parameters.b).squareRoot() {
                let p = G2Affine(uncheckedX: x, y: y)
                if p.isOnCurve && !p.isInPrimeOrderSubgroup { return p }
            }
            x = x + Fp2.one
        }
    }()

    /// The LEM encoding of a G2 point.
    static func lem(_ p: G2Affine) -> [UInt8] {
        var w = ByteWriter()
        w.g2(p)
        return w.bytes
    }

    static func lem(_ p: G1Affine) -> [UInt8] {
        var w = ByteWriter()
        w.g1(p)
        return w.bytes
    }
}

/// Runs `body`, expects a `FormatError` and returns it (nil, with a recorded issue, otherwise).
@discardableResult
func expectFormatError(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) -> FormatError? {
    do {
        try body()
        Issue.record("expected a FormatError, nothing was thrown. \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation)
    } catch let e as FormatError {
        return e
    } catch {
        Issue.record("expected a FormatError, got \(type(of: error)): \(error). \(comment.map { "\($0)" } ?? "")",
                     sourceLocation: sourceLocation)
    }
    return nil
}

import Foundation
import Testing
import TestSupport
@testable import Circuits

/// The circomlibjs / go-iden3-crypto vectors in babyjub_eddsa/.
enum BabyJubVectors {
    static let file = "babyjub_eddsa/babyjub_eddsa_pedersen_vectors.json"

    static func root() throws -> [String: Any] { try Vectors.jsonObject(file) as! [String: Any] }

    static func point(_ any: Any?) throws -> BabyJubJub.Point {
        let xy = any as! [String]
        return BabyJubJub.Point(uncheckedX: try Fr(decimal: xy[0]), y: try Fr(decimal: xy[1]))
    }
}

@Suite struct BabyJubJubTests {
    @Test func curveConstants() throws {
        let curve = try BabyJubVectors.root()["curve"] as! [String: Any]
        #expect(BabyJubJub.a == (try Fr(decimal: curve["a"] as! String)))
        #expect(BabyJubJub.d == (try Fr(decimal: curve["d"] as! String)))
        #expect(BabyJubJub.order == BigInteger(curve["order"] as! String)!)
        #expect(BabyJubJub.subgroupOrder == BigInteger(curve["subOrder"] as! String)!)
        #expect(BabyJubJub.order == BabyJubJub.subgroupOrder * 8)
        #expect(BabyJubJub.generator == (try BabyJubVectors.point(curve["generator"])))
        #expect(BabyJubJub.base8 == (try BabyJubVectors.point(curve["base8"])))
        #expect(BabyJubJub.generator.multipliedVartime(by: 8) == BabyJubJub.base8)
        #expect(BabyJubJub.base8.isInPrimeOrderSubgroup)
        #expect(!BabyJubJub.generator.isInPrimeOrderSubgroup)
        #expect(BabyJubJub.generator.multipliedVartime(by: BabyJubJub.order).isIdentity)
        // Completeness of the addition law: a is a square and d is not.
        #expect(BabyJubJub.a.legendre() == 1 && BabyJubJub.d.legendre() == -1)
        #expect(BabyJubJub.montgomeryA * (BabyJubJub.a - BabyJubJub.d) == (BabyJubJub.a + BabyJubJub.d).doubled())
    }

    @Test func additionAndScalarMultiplicationVectors() throws {
        let root = try BabyJubVectors.root()
        for case let v as [String: Any] in root["point_add"] as! [Any] {
            let p = try BabyJubVectors.point(v["p1"]), q = try BabyJubVectors.point(v["p2"])
            if let result = v["result"] {
                #expect(p + q == (try BabyJubVectors.point(result)))
                if p == q { #expect(p.doubled() == (try BabyJubVectors.point(result))) }
            } else {
                let hex = v["result_x_hex_bigendian"] as! String
                #expect((p + q).x == (try Fr(hex: hex)))
            }
        }
        for case let v as [String: Any] in root["scalar_mul"] as! [Any] {
            let p = try BabyJubVectors.point(v["point"])
            let k = BigInteger(v["scalar"] as! String)!
            let expected = try BabyJubVectors.point(v["result"])
            #expect(p.multipliedVartime(by: k) == expected)
            #expect(p.multiplied(bySecret: k.words(count: 4)!) == expected)
        }
        for case let v as [String: Any] in root["in_curve"] as! [Any] {
            #expect(try BabyJubVectors.point(v["point"]).isOnCurve == (v["expected"] as! Bool))
        }
        for case let v as [String: Any] in root["in_subgroup"] as! [Any] {
            #expect(try BabyJubVectors.point(v["point"]).isInPrimeOrderSubgroup == (v["expected"] as! Bool))
        }
        #expect(throws: BabyJubJub.Error.self) { try BabyJubJub.Point(x: .one, y: .zero) }
    }

    @Test func groupLawsOnRandomPoints() {
        var rng = SeededGenerator(seed: 81)
        let g = BabyJubJub.base8
        for _ in 0..<10 {
            let a = BigInteger(words: [rng.next(), rng.next(), rng.next(), rng.next() >> 8])
            let b = BigInteger(words: [rng.next(), rng.next()])
            let p = g.multipliedVartime(by: a), q = g.multipliedVartime(by: b)
            #expect(p.isOnCurve && p.isInPrimeOrderSubgroup)
            #expect(p + q == q + p)
            #expect(p + .identity == p && p - p == .identity)
            #expect(g.multipliedVartime(by: a + b) == p + q)
            #expect(p.multiplied(bySecret: b.words(count: 4)!) == g.multipliedVartime(by: a * b))
        }
        // A point of order 2 and one of order 4 are small-order.
        let order2 = BabyJubJub.Point(uncheckedX: .zero, y: -Fr.one)
        #expect(order2.isOnCurve && order2.hasSmallOrder && !order2.isInPrimeOrderSubgroup)
        let order8 = BabyJubJub.generator.multipliedVartime(by: BabyJubJub.subgroupOrder)
        #expect(order8.hasSmallOrder && !order8.isIdentity && !order8.doubled().doubled().isIdentity)
    }

    @Test func packingVectors() throws {
        let pack = try BabyJubVectors.root()["pack_point"] as! [String: Any]
        for case let v as [String: Any] in pack["vectors"] as! [Any] {
            let p = try BabyJubVectors.point(v["point"])
            let bytes = [UInt8](hex: v["packed_hex"] as! String)!
            #expect(p.packed == bytes)
            #expect(try BabyJubJub.Point(packed: bytes) == p)
        }
        var rng = SeededGenerator(seed: 82)
        for _ in 0..<20 {
            let p = BabyJubJub.generator.multipliedVartime(by: BigInteger(words: [rng.next(), rng.next(), rng.next()]))
            #expect(try BabyJubJub.Point(packed: p.packed) == p)
            #expect(try BabyJubJub.Point(packed: (-p).packed) == -p)
        }
    }

    @Test func packingRejectsMalformedBytes() {
        #expect(throws: BabyJubJub.Error.packedLength(31)) { try BabyJubJub.Point(packed: [UInt8](repeating: 0, count: 31)) }
        // y = r (not canonical).
        #expect(throws: BabyJubJub.Error.packedNotCanonical("y is not below the field modulus")) {
            try BabyJubJub.Point(packed: Array(Fr.modulus.bigEndianBytes(count: 32)!.reversed()))
        }
        // y = 1 with the sign bit: x = 0 encoded as "negative".
        var one = Fr.one.littleEndianBytes
        one[31] |= 0x80
        #expect(throws: BabyJubJub.Error.packedNotCanonical("sign bit set for x = 0")) { try BabyJubJub.Point(packed: one) }
        // Some y has no x on the curve.
        var found = false
        for k in 2..<50 where !found {
            if (try? BabyJubJub.Point(packed: Fr(UInt64(k)).littleEndianBytes)) == nil { found = true }
        }
        #expect(found)
    }
}

@Suite struct EdDSATests {
    @Test func blakeVectors() throws {
        let blake = try BabyJubVectors.root()["blake"] as! [String: Any]
        var checked = 0
        for case let v as [String: Any] in blake["vectors"] as! [Any] {
            guard let expected = v["blake512"] as? String else { continue }
            #expect(Blake512.hash([UInt8](hex: v["input_hex"] as! String)!).hex == expected)
            checked += 1
        }
        #expect(checked == 2)
    }

    @Test func keyAndSignatureVectors() throws {
        let eddsa = try BabyJubVectors.root()["eddsa"] as! [String: Any]
        let key = try EdDSAPrivateKey(hex: eddsa["private_key_hex"] as! String)
        let a = EdDSAPoseidon.publicKey(of: key)
        #expect(a == (try BabyJubVectors.point(eddsa["public_key"])))
        #expect(a.packed.hex == eddsa["public_key_packed_hex"] as! String)
        let sig = (eddsa["signatures"] as! [[String: Any]]).first { $0["hash"] as? String == "poseidon" }!
        let message = try Fr(decimal: sig["msg_field"] as! String)
        let signature = EdDSAPoseidon.sign(message, with: key)
        #expect(signature.r8 == (try BabyJubVectors.point(sig["R8"])))
        #expect(signature.s == (try Fr(decimal: sig["S"] as! String)))
        #expect((signature.r8.packed + signature.s.littleEndianBytes).hex == sig["packed_signature_hex"] as! String)
        #expect(EdDSAPoseidon.verify(message, signature: signature, publicKey: a))
        #expect(!EdDSAPoseidon.verify(message + .one, signature: signature, publicKey: a))
    }

    @Test func signVerifyRoundTripAndRejections() throws {
        var rng = SeededGenerator(seed: 83)
        for _ in 0..<5 {
            let key = try EdDSAPrivateKey(bytes: rng.bytes(32))
            let a = EdDSAPoseidon.publicKey(of: key)
            #expect(a.isInPrimeOrderSubgroup)
            let m = Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next()))
            let sig = EdDSAPoseidon.sign(m, with: key)
            #expect(EdDSAPoseidon.verify(m, signature: sig, publicKey: a))
            // S + l: the same point, rejected by S < l.
            let malleable = EdDSAPoseidon.Signature(r8: sig.r8, s: Fr(reducing: sig.s.bigInteger + BabyJubJub.subgroupOrder))
            #expect(!EdDSAPoseidon.verify(m, signature: malleable, publicKey: a))
            // R8 off the curve, another R8, another key.
            #expect(!EdDSAPoseidon.verify(m, signature: .init(r8: .init(uncheckedX: sig.r8.x + .one, y: sig.r8.y), s: sig.s), publicKey: a))
            #expect(!EdDSAPoseidon.verify(m, signature: .init(r8: -sig.r8, s: sig.s), publicKey: a))
            #expect(!EdDSAPoseidon.verify(m, signature: sig, publicKey: BabyJubJub.base8))
            #expect(!EdDSAPoseidon.verify(m, signature: sig, publicKey: .init(uncheckedX: a.x, y: a.y + .one)))
        }
        // A small-order key: S·B8 = R8 holds for S = 0, R8 = identity, whatever the message.
        let forged = EdDSAPoseidon.Signature(r8: .identity, s: .zero)
        #expect(!EdDSAPoseidon.verify(Fr(5), signature: forged, publicKey: .identity))
        #expect(!EdDSAPoseidon.verify(Fr(5), signature: forged, publicKey: BabyJubJub.Point(uncheckedX: .zero, y: -Fr.one)))
    }

    @Test func privateKeysAreValidatedAndRedacted() throws {
        #expect(throws: EdDSAPoseidon.Error.privateKeyLength(31)) { try EdDSAPrivateKey(bytes: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: EdDSAPoseidon.Error.privateKeyNotHex) { try EdDSAPrivateKey(hex: String(repeating: "zz", count: 32)) }
        let key = try EdDSAPrivateKey(hex: "0x" + String(repeating: "ab", count: 32))
        #expect(key.hexEncodedSecret() == String(repeating: "ab", count: 32))
        #expect("\(key)" == "EdDSAPrivateKey(<redacted>)")
        let fresh = EdDSAPrivateKey.generate()
        #expect(fresh.hexEncodedSecret() != EdDSAPrivateKey.generate().hexEncodedSecret())
    }
}

import Foundation
import Groth16
import Traces

/// The decoders of untrusted input, as fuzz targets. Each accepts or rejects with its
/// documented error type; whatever it accepts must encode back to the bytes (binary files,
/// EVM points) or the value (JSON) it was read from.
public enum FuzzTargets {
    public static let all: [FuzzTarget] = [
        traceJSON, r1cs, wtns, zkey, ptau, g1EVM, g2EVM, proofJSON, verificationKeyJSON, publicSignalsJSON,
    ]

    /// The target of that name.
    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// POST /v1/traces bodies and `trace verify` files: `RequestTrace(jsonData:)`.
    static let traceJSON = FuzzTarget(name: "trace-json", shape: .json, maxInputBytes: 4096) { input in
        do {
            let trace = try RequestTrace(jsonData: Data(input))
            try expectRoundTrip("trace-json", trace, try RequestTrace(jsonData: trace.jsonData))
            return "ok"
        } catch let e as TraceError {
            if case .unknownField = e { return "TraceError.unknownField" }
            return "TraceError.\(caseName(e)) \(e.field)"
        }
    }

    static let r1cs = binaryFile(R1CSFile.self, name: "r1cs", maxInputBytes: 16 << 10)
    static let wtns = binaryFile(Witness.self, name: "wtns", maxInputBytes: 4 << 10)
    static let zkey = binaryFile(ZKeyFile.self, name: "zkey", maxInputBytes: 16 << 10)
    static let ptau = binaryFile(PowersOfTauFile.self, name: "ptau", maxInputBytes: 16 << 10)

    /// ecAdd/ecMul/ecPairing operands and calldata words: `G1Affine(evmBytes:)`.
    static let g1EVM = FuzzTarget(name: "g1-evm", shape: .words, maxInputBytes: 96) { input in
        do {
            let p = try G1Affine(evmBytes: input)
            guard p.evmBytes == input else {
                throw FuzzFinding(target: "g1-evm", kind: .roundTrip, detail: "accepted \(input.hex), encodes as \(p.evmBytes.hex)")
            }
            return "ok"
        } catch let e as CurveError {
            return "CurveError.\(caseName(e))"
        } catch let e as FieldError {
            return "FieldError.\(caseName(e))"
        }
    }

    /// `G2Affine(evmBytes:)` (imaginary parts first).
    static let g2EVM = FuzzTarget(name: "g2-evm", shape: .words, maxInputBytes: 160) { input in
        do {
            let p = try G2Affine(evmBytes: input)
            guard p.evmBytes == input else {
                throw FuzzFinding(target: "g2-evm", kind: .roundTrip, detail: "accepted \(input.hex), encodes as \(p.evmBytes.hex)")
            }
            return "ok"
        } catch let e as CurveError {
            return "CurveError.\(caseName(e))"
        } catch let e as FieldError {
            return "FieldError.\(caseName(e))"
        }
    }

    /// proof.json: G1 and G2 points in snarkjs's decimal form.
    static let proofJSON = jsonFile(name: "proof-json") { data in
        let proof = try Proof(snarkjsJSON: data)
        try expectRoundTrip("proof-json", proof, try Proof(snarkjsJSON: Data(proof.snarkjsJSON().utf8)))
    }

    /// verification_key.json.
    static let verificationKeyJSON = jsonFile(name: "vkey-json") { data in
        let key = try VerificationKeyJSON(snarkjsJSON: data)
        try expectRoundTrip("vkey-json", key, try VerificationKeyJSON(snarkjsJSON: Data(key.snarkjsJSON().utf8)))
    }

    /// public.json.
    static let publicSignalsJSON = jsonFile(name: "public-json") { data in
        let signals = try PublicSignalsJSON.decode(data)
        try expectRoundTrip("public-json", signals, try PublicSignalsJSON.decode(Data(PublicSignalsJSON.encode(signals).utf8)))
    }

    /// A snarkjs binary file: accepted files must write back byte for byte.
    static func binaryFile<F: SnarkJSBinaryFile & SendableMetatype>(_: F.Type, name: String, maxInputBytes: Int) -> FuzzTarget {
        FuzzTarget(name: name, shape: .container, maxInputBytes: maxInputBytes) { input in
            do {
                let file = try F(fileBytes: input)
                let written = file.fileBytes()
                guard written == input else {
                    let at = zip(written, input).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, input.count)
                    throw FuzzFinding(target: name, kind: .roundTrip,
                                      detail: "accepted \(input.count) bytes, writes \(written.count), first difference at \(at)")
                }
                return "ok"
            } catch let e as FormatError {
                // Section ids come from the input: name only the ones a format defines.
                let section = e.section.map { $0 <= 15 ? String($0) : "other" } ?? "-"
                return "FormatError \(section) \(caseName(e.reason))"
            }
        }
    }

    /// A snarkjs JSON file read with `FormatError` (or point and field errors) on bad input.
    static func jsonFile(name: String, _ decode: @escaping @Sendable (Data) throws -> Void) -> FuzzTarget {
        FuzzTarget(name: name, shape: .json, maxInputBytes: 8192) { input in
            do {
                try decode(Data(input))
                return "ok"
            } catch let e as FormatError {
                // The JSON path names the value (indices dropped, so the classes stay few).
                if case let .json(path, _) = e.reason { return "FormatError json \(path.filter { !$0.isNumber })" }
                return "FormatError \(caseName(e.reason))"
            } catch let e as CurveError {
                return "CurveError.\(caseName(e))"
            } catch let e as FieldError {
                return "FieldError.\(caseName(e))"
            }
        }
    }

    static func expectRoundTrip<T: Equatable>(_ target: String, _ read: T, _ reread: T) throws {
        guard read == reread else {
            throw FuzzFinding(target: target, kind: .roundTrip, detail: "\(T.self) read, written and read again differs")
        }
    }

    /// The enum case of an error value, without its payload: the outcome class.
    static func caseName(_ value: Any) -> String {
        if let label = Mirror(reflecting: value).children.first?.label { return label }
        return String(String(describing: value).prefix(40))
    }
}

extension [UInt8] {
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

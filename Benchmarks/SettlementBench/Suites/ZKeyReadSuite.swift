import Foundation
import Groth16

/// `zkey-read`: decoding and encoding a Groth16 .zkey of 2^K wires and a 2^K domain (every
/// point checked on reading, G2 points by the subgroup test), from and to memory; and, to
/// separate the G1 work from the G2 subgroup checks, decoding a key with 2^K H points and only
/// 8 wires. The keys are synthetic: consecutive multiples of the generators, which cost the
/// same to check as any points.
enum ZKeyReadSuite: BenchmarkSuite {
    static let name = "zkey-read"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let logSize = options.logSize ?? 16
        let n = 1 << logSize
        let bytes = syntheticZKey(wires: n, domainSize: n).fileBytes()
        let decode = measure(runs: options.runs) { blackHole(try! ZKeyFile(fileBytes: bytes)) }
        report(BenchResult(suite: name, name: "decode", n: n, threads: options.threads, seconds: decode,
                           extra: ["bytes": Double(bytes.count)]))
        let file = try ZKeyFile(fileBytes: bytes)
        let encode = measure(runs: options.runs) { blackHole(file.fileBytes()) }
        report(BenchResult(suite: name, name: "encode", n: n, threads: options.threads, seconds: encode,
                           extra: ["bytes": Double(bytes.count)]))
        let hOnly = syntheticZKey(wires: 8, domainSize: n).fileBytes()
        let decodeH = measure(runs: options.runs) { blackHole(try! ZKeyFile(fileBytes: hOnly)) }
        report(BenchResult(suite: name, name: "decode-g1-h-only", n: n, threads: options.threads, seconds: decodeH,
                           extra: ["bytes": Double(hOnly.count)]))
    }

    /// A well-formed key with the given wires (at least 5), 3 public signals and domain size.
    static func syntheticZKey(wires: Int, domainSize: Int) -> ZKeyFile {
        func multiples<C>(_ g: AffinePoint<C>, _ count: Int) -> [AffinePoint<C>] {
            var acc = g.jacobian
            var points: [JacobianPoint<C>] = []
            points.reserveCapacity(count)
            for _ in 0..<count {
                points.append(acc)
                acc = acc + g
            }
            return JacobianPoint<C>.batchNormalize(points)
        }
        let g1 = multiples(G1Affine.generator, max(wires, domainSize))
        let g2 = multiples(G2Affine.generator, wires)
        let numPublic = 3
        var coefficients: [ProvingKey.Coefficient] = []
        for row in 0..<(domainSize - numPublic - 1) {
            let wire = row % wires
            coefficients.append(.init(matrix: .a, constraint: UInt32(row), signal: UInt32(wire), value: Fr(UInt64(row) + 2)))
            coefficients.append(.init(matrix: .b, constraint: UInt32(row), signal: UInt32((wire + 1) % wires), value: -Fr.one))
        }
        let wiresG1 = Array(g1[0..<wires])
        let key = ProvingKey(numVariables: wires, numPublic: numPublic, domainSize: domainSize,
                             alpha1: g1[1], beta1: g1[2], beta2: g2[2], gamma2: .generator, delta1: g1[3], delta2: g2[3],
                             ic: Array(g1[0...numPublic]), coefficients: coefficients,
                             a: wiresG1, b1: wiresG1, b2: g2, c: Array(wiresG1[(numPublic + 1)...]), h: Array(g1[0..<domainSize]))
        return ZKeyFile(provingKey: key, transcript: Phase2Transcript(circuitHash: [UInt8](repeating: 0, count: 64)))
    }
}

import Circuits
import Foundation
import Groth16
import Traces

/// The seed corpus: tiny valid inputs of every target, made with this package's writers
/// (`settlement-fuzz make-corpus` writes them to tests/fuzz/corpus/<target>/). Each file is a
/// few KB at most, so mutations of it stay cheap.
public enum SeedCorpus {
    /// File name and bytes of each seed, by target name.
    public static func make() throws -> [String: [(name: String, bytes: [UInt8])]] {
        // x·x = y, y·x = out: wire 0 the constant, 1 the public output, 2 the private input x, 3 y.
        let one = Fr.one
        let r1cs = R1CS(numWires: 4, numPublicOutputs: 1, numPublicInputs: 0, numPrivateInputs: 1, constraints: [
            Constraint(a: LinearCombination([Term(wire: 2, coefficient: one)]), b: LinearCombination([Term(wire: 2, coefficient: one)]),
                       c: LinearCombination([Term(wire: 3, coefficient: one)])),
            Constraint(a: LinearCombination([Term(wire: 3, coefficient: one)]), b: LinearCombination([Term(wire: 2, coefficient: one)]),
                       c: LinearCombination([Term(wire: 1, coefficient: one)])),
        ], wireLabels: [0, 1, 2, 3])
        let witness = Witness(values: [Fr(1), Fr(27), Fr(3), Fr(9)])
        try r1cs.check(witness)

        var ptau = try PowersOfTau.new(power: 2)
        ptau = try PowersOfTau.contribute(to: ptau, name: "fuzz seed", entropy: "").file
        let prepared = try PowersOfTau.prepare(ptau)
        let basis = try Phase2Basis(r1cs: r1cs, ptau: prepared)
        let initialKey = try Phase2.newKey(r1cs: r1cs, basis: basis)
        let key = try Phase2.contribute(to: initialKey, name: "fuzz seed", entropy: "").file

        let prover = try Groth16Prover(key: key.provingKey)
        let (proof, _) = try prover.prove(witness)
        let signals = prover.publicSignals(witness)

        let signer = try EdDSAPrivateKey(bytes: [UInt8](repeating: 7, count: 32))
        let domain = SettlementDomain(chainId: 31337, settlementContract: Address(bytes: [UInt8](repeating: 0, count: 19) + [1]))
        let traces = [(1, 1000), (2, 1)].map { nonce, fee in
            TraceSigning.sign(user: Address(bytes: [UInt8](repeating: 0xab, count: 20)),
                              provider: Address(bytes: [UInt8](repeating: 0, count: 19) + [2]), nonce: UInt64(nonce),
                              fee: UInt128(fee), requestHash: Fr(UInt64(nonce) * 12345), domain: domain, key: signer)
        }

        let g1 = G1Affine.generator, g2 = G2Affine.generator
        return [
            "trace-json": traces.enumerated().map { ("trace-\($0.offset).json", Array($0.element.jsonData)) },
            "r1cs": [("square-cube.r1cs", R1CSFile(r1cs: r1cs).fileBytes())],
            "wtns": [("square-cube.wtns", witness.fileBytes())],
            "zkey": [("square-cube.zkey", key.fileBytes()), ("square-cube-0000.zkey", initialKey.fileBytes())],
            "ptau": [("power2.ptau", ptau.fileBytes()), ("power2-prepared.ptau", prepared.fileBytes())],
            "g1-evm": [("generator.bin", g1.evmBytes), ("infinity.bin", G1Affine.infinity.evmBytes),
                       ("alpha.bin", key.provingKey.alpha1.evmBytes)],
            "g2-evm": [("generator.bin", g2.evmBytes), ("infinity.bin", G2Affine.infinity.evmBytes),
                       ("delta.bin", key.provingKey.delta2.evmBytes)],
            "proof-json": [("proof.json", Array(proof.snarkjsJSON().utf8))],
            "vkey-json": [("verification_key.json", Array(VerificationKeyJSON(exporting: key.provingKey).snarkjsJSON().utf8))],
            "public-json": [("public.json", Array(PublicSignalsJSON.encode(signals).utf8))],
        ]
    }

    /// Writes the seeds under `directory`/<target>/.
    public static func write(to directory: URL) throws {
        for (target, files) in try make() {
            let folder = directory.appendingPathComponent(target)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files { try Data(file.bytes).write(to: folder.appendingPathComponent(file.name)) }
        }
    }

    /// The seeds of `target` in `directory`/<target>/ (sorted by name, so runs repeat).
    public static func load(target: String, from directory: URL) throws -> [[UInt8]] {
        let folder = directory.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
    }
}

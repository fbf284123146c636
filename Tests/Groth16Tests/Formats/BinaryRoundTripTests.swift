import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Every snarkjs/circom binary file in ../shared/vectors decodes and re-encodes byte for byte.
@Suite struct BinaryRoundTripTests {
    static let r1csFiles = ["r1cs_spec/example.r1cs", "snarkjs/tutorial_multiplier5/circuit.r1cs",
                            "snarkjs/hermez_ptau_setup/prove.r1cs"]
    static let zkeyFiles = ["snarkjs/tutorial_multiplier5/circuit_0000.zkey", "snarkjs/tutorial_multiplier5/circuit_0001.zkey",
                            "snarkjs/tutorial_multiplier5/circuit_0002.zkey", "snarkjs/tutorial_multiplier5/circuit_0003.zkey",
                            "snarkjs/tutorial_multiplier5/circuit_final.zkey", "snarkjs/hermez_ptau_setup/prove_0000.zkey",
                            "snarkjs/hermez_ptau_setup/prove_0001.zkey"]
    static let ptauFiles = ["snarkjs/tutorial_multiplier5/pot12_0000.ptau", "snarkjs/tutorial_multiplier5/pot12_0001.ptau",
                            "snarkjs/tutorial_multiplier5/pot12_beacon.ptau",
                            "snarkjs/hermez_ptau_setup/powersOfTau28_hez_final_09.ptau"]

    @Test(arguments: r1csFiles)
    func r1csRoundTrip(_ path: String) throws {
        let bytes = try Vectors.data(path)
        let file = try R1CSFile(fileBytes: bytes)
        #expect(file.fileBytes() == [UInt8](bytes))
    }

    @Test func wtnsRoundTrip() throws {
        let bytes = try Vectors.data("snarkjs/tutorial_multiplier5/witness.wtns")
        let witness = try Witness(fileBytes: bytes)
        #expect(witness.fileBytes() == [UInt8](bytes))
    }

    @Test(arguments: zkeyFiles)
    func zkeyRoundTrip(_ path: String) throws {
        let bytes = try Vectors.data(path)
        let file = try ZKeyFile(fileBytes: bytes)
        #expect(file.fileBytes() == [UInt8](bytes))
    }

    @Test(arguments: ptauFiles)
    func ptauRoundTrip(_ path: String) throws {
        let bytes = try Vectors.data(path)
        let file = try PowersOfTauFile(fileBytes: bytes)
        #expect(file.fileBytes() == [UInt8](bytes))
    }
}

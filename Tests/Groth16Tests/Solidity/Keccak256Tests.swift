import Testing
import TestSupport
@testable import Groth16

@Suite struct Keccak256Tests {
    @Test(arguments: [
        ("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        ("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15"),
    ])
    func knownDigests(message: String, digest: String) {
        #expect(Keccak256.hash(Array(message.utf8)).hex == digest)
    }

    @Test func selectorsOfWellKnownFunctions() {
        // ERC-20 selectors, as every EVM tool lists them.
        #expect(Keccak256.selector("transfer(address,uint256)").hex == "a9059cbb")
        #expect(Keccak256.selector("balanceOf(address)").hex == "70a08231")
    }

    /// Lengths around the 136-byte rate, against pycryptodome's Keccak (an independent oracle).
    @Test(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON (make test sets it)"))
    func blockBoundaries() throws {
        for length in [135, 136, 137, 272, 500] {
            let message = [UInt8](repeating: 0x61, count: length)
            let expected = try PythonOracle.run(code: "from Crypto.Hash import keccak; import sys; h = keccak.new(digest_bits=256); h.update(b'a' * \(length)); print(h.hexdigest())")
            #expect(Keccak256.hash(message).hex == expected.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

/// A Groth16 proof: A in G1, B in G2, C in G1 (snarkjs `pi_a`, `pi_b`, `pi_c`).
public struct Proof: Equatable, Hashable, Sendable {
    public var a: G1Affine
    public var b: G2Affine
    public var c: G1Affine

    public init(a: G1Affine, b: G2Affine, c: G1Affine) {
        self.a = a
        self.b = b
        self.c = c
    }
}

extension VerificationKeyJSON {
    /// verification_key.json for a proving key, as snarkjs `zkey export verificationkey` writes
    /// it, `vk_alphabeta_12` included.
    public init(exporting key: ProvingKey) {
        self.init(key: key.verifyingKey, alphaBeta: Self.snarkjsAlphaBeta(key.alpha1, key.beta2))
    }

    /// snarkjs's `vk_alphabeta_12`: e(α, β) as ffjavascript computes it, which is the
    /// optimal-ate value raised to λ = 2z(6z² + 3z + 1) (z = 4965661367192848881, the BN254
    /// parameter) because its final exponentiation uses that multiple of the hard part.
    /// Flattened in file order (Fp12 half, Fp6 coefficient, Fp2 coefficient).
    static func snarkjsAlphaBeta(_ alpha: G1Affine, _ beta: G2Affine) -> [Fp] {
        let z = BigInteger(4_965_661_367_192_848_881)
        let lambda = BigInteger(2) * z * (BigInteger(6) * z * z + BigInteger(3) * z + BigInteger(1))
        let value = Pairing.pairing(alpha, beta).powVartime(lambda.words(count: 4)!)
        var flat: [Fp] = []
        for half in [value.c0, value.c1] {
            for pair in [half.c0, half.c1, half.c2] { flat += [pair.c0, pair.c1] }
        }
        return flat
    }
}

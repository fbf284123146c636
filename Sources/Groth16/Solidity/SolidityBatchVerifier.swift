/// Generates `BatchVerifier.sol`: checks k proofs for one verifying key with a single pairing
/// product of k + 3 pairs, combining the proofs' equations with coefficients
/// ρ_i = keccak256(abi.encode(seed, i)) mod r, where seed = keccak256(abi.encode(proofs,
/// pubSignals)) binds every proof and input (never block data), so a prover cannot choose
/// proofs that cancel:
///   Π e(-ρ_i A_i, B_i) · e((Σρ_i) α, β) · e(Σρ_i vk_x,i, γ) · e(Σρ_i C_i, δ) = 1,
/// with Σρ_i vk_x,i = (Σρ_i) IC0 + Σ_j (Σ_i ρ_i pub_ij) IC_j (n + 1 ecMuls for any k).
/// Proof layout per entry: [a.x, a.y, b.x1, b.x0, b.y1, b.y0, c.x, c.y].
public enum SolidityBatchVerifier {
    public static func source(_ vk: VerifyingKey, contractName: String = "Groth16BatchVerifier") -> String {
        let n = vk.numPublic
        var s = SolidityText.header(contractName: contractName, n: n)
        s += SolidityText.keyConstants(vk)
        s += """

            /// Returns true iff every proof verifies for its public signals.
            function verifyProofs(uint256[8][] calldata proofs, uint256[\(n)][] calldata pubSignals)
                public view returns (bool)
            {
                uint256 k = proofs.length;
                if (k == 0 || pubSignals.length != k) return false;
                bytes32 seed = keccak256(abi.encode(proofs, pubSignals));
                uint256[] memory input = new uint256[](6 * (k + 3));
                uint256 sumRho;
                uint256[\(n)] memory sumPub;
                uint256[2] memory accC;
                bool ok;
                for (uint256 i = 0; i < k; i++) {
                    for (uint256 w = 0; w < 8; w++) {
                        if (proofs[i][w] >= Q) return false;
                    }
                    uint256 rho = uint256(keccak256(abi.encode(seed, i))) % R;
                    sumRho = addmod(sumRho, rho, R);
                    for (uint256 j = 0; j < \(n); j++) {
                        if (pubSignals[i][j] >= R) return false;
                        sumPub[j] = addmod(sumPub[j], mulmod(rho, pubSignals[i][j], R), R);
                    }
                    uint256[2] memory rhoA;
                    (ok, rhoA) = mulAdd([uint256(0), uint256(0)], proofs[i][0], proofs[i][1], rho);
                    if (!ok) return false;
                    input[6 * i] = rhoA[0];
                    input[6 * i + 1] = (Q - rhoA[1]) % Q;
                    input[6 * i + 2] = proofs[i][2];
                    input[6 * i + 3] = proofs[i][3];
                    input[6 * i + 4] = proofs[i][4];
                    input[6 * i + 5] = proofs[i][5];
                    (ok, accC) = mulAdd(accC, proofs[i][6], proofs[i][7], rho);
                    if (!ok) return false;
                }
                uint256[2] memory alphaTerm;
                (ok, alphaTerm) = mulAdd([uint256(0), uint256(0)], ALPHA_X, ALPHA_Y, sumRho);
                if (!ok) return false;
                uint256[2] memory vkX;
                (ok, vkX) = mulAdd([uint256(0), uint256(0)], IC0_X, IC0_Y, sumRho);
                if (!ok) return false;

        """
        for j in 0..<n {
            s += "        (ok, vkX) = mulAdd(vkX, IC\(j + 1)_X, IC\(j + 1)_Y, sumPub[\(j)]);\n"
            s += "        if (!ok) return false;\n"
        }
        s += """
                uint256 o = 6 * k;
                input[o] = alphaTerm[0];
                input[o + 1] = alphaTerm[1];
                input[o + 2] = BETA_X1;
                input[o + 3] = BETA_X0;
                input[o + 4] = BETA_Y1;
                input[o + 5] = BETA_Y0;
                input[o + 6] = vkX[0];
                input[o + 7] = vkX[1];
                input[o + 8] = GAMMA_X1;
                input[o + 9] = GAMMA_X0;
                input[o + 10] = GAMMA_Y1;
                input[o + 11] = GAMMA_Y0;
                input[o + 12] = accC[0];
                input[o + 13] = accC[1];
                input[o + 14] = DELTA_X1;
                input[o + 15] = DELTA_X0;
                input[o + 16] = DELTA_Y1;
                input[o + 17] = DELTA_Y0;
                uint256[1] memory out;
                uint256 size = 0x20 * input.length;
                assembly {
                    ok := staticcall(gas(), 0x08, add(input, 0x20), size, out, 0x20)
                }
                return ok && out[0] == 1;
            }

        """
        s += SolidityText.precompileHelpers
        s += "}\n"
        return s
    }
}

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
                // acc = [Σρ_i, Σρ_i·C_i (x, y), Σ_i ρ_i·pub_i,j for j < \(n)]
                uint256[\(n + 3)] memory acc;
                for (uint256 i = 0; i < k; i++) {
                    uint256 rho = uint256(keccak256(abi.encode(seed, i))) % R;
                    if (!addProof(input, acc, i, rho, proofs[i], pubSignals[i])) return false;
                }
                return finalPairing(input, acc, k);
            }

            /// Writes the pair (-ρ·A, B) of proof `i` into `input` and adds ρ, ρ·C and ρ·pub to
            /// `acc`; false for a coordinate >= q, a signal >= r or a failing precompile.
            /// (Split from verifyProofs so no function holds more than a few stack slots.)
            function addProof(
                uint256[] memory input,
                uint256[\(n + 3)] memory acc,
                uint256 i,
                uint256 rho,
                uint256[8] calldata p,
                uint256[\(n)] calldata pub
            ) internal view returns (bool ok) {
                for (uint256 w = 0; w < 8; w++) {
                    if (p[w] >= Q) return false;
                }
                acc[0] = addmod(acc[0], rho, R);
                for (uint256 j = 0; j < \(n); j++) {
                    if (pub[j] >= R) return false;
                    acc[3 + j] = addmod(acc[3 + j], mulmod(rho, pub[j], R), R);
                }
                uint256[2] memory point;
                (ok, point) = mulAdd([uint256(0), uint256(0)], p[0], p[1], rho);
                if (!ok) return false;
                uint256 o = 6 * i;
                input[o] = point[0];
                input[o + 1] = (Q - point[1]) % Q;
                input[o + 2] = p[2];
                input[o + 3] = p[3];
                input[o + 4] = p[4];
                input[o + 5] = p[5];
                (ok, point) = mulAdd([acc[1], acc[2]], p[6], p[7], rho);
                if (!ok) return false;
                acc[1] = point[0];
                acc[2] = point[1];
            }

            /// Appends the pairs ((Σρ)·α, β), (Σρ·vk_x, γ), (Σρ·C, δ) and runs the pairing check.
            function finalPairing(uint256[] memory input, uint256[\(n + 3)] memory acc, uint256 k)
                internal view returns (bool ok)
            {
                uint256 o = 6 * k;
                uint256[2] memory point;
                (ok, point) = mulAdd([uint256(0), uint256(0)], ALPHA_X, ALPHA_Y, acc[0]);
                if (!ok) return false;
                input[o] = point[0];
                input[o + 1] = point[1];
                input[o + 2] = BETA_X1;
                input[o + 3] = BETA_X0;
                input[o + 4] = BETA_Y1;
                input[o + 5] = BETA_Y0;
                (ok, point) = mulAdd([uint256(0), uint256(0)], IC0_X, IC0_Y, acc[0]);
                if (!ok) return false;

        """
        for j in 0..<n {
            s += "        (ok, point) = mulAdd(point, IC\(j + 1)_X, IC\(j + 1)_Y, acc[\(3 + j)]);\n"
            s += "        if (!ok) return false;\n"
        }
        s += """
                input[o + 6] = point[0];
                input[o + 7] = point[1];
                input[o + 8] = GAMMA_X1;
                input[o + 9] = GAMMA_X0;
                input[o + 10] = GAMMA_Y1;
                input[o + 11] = GAMMA_Y0;
                input[o + 12] = acc[1];
                input[o + 13] = acc[2];
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

/// Generates `Verifier.vy` and `BatchVerifier.vy`: the same contracts as the Solidity ones
/// (same ABI, same checks, same batch coefficients), in Vyper 0.4, which compiles on machines
/// where no Solidity compiler can be installed. The tests compile them and call them in revm.
public enum VyperVerifier {
    /// The single-proof verifier: `verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[N])`.
    public static func source(_ vk: VerifyingKey) -> String {
        let n = vk.numPublic
        var s = header(vk, pairingInputBytes: 768)
        s += """
            @external
            @view
            def verifyProof(pA: uint256[2], pB: uint256[2][2], pC: uint256[2], pubSignals: uint256[\(n)]) -> bool:
                if pA[0] >= Q or pA[1] >= Q or pC[0] >= Q or pC[1] >= Q:
                    return False
                if pB[0][0] >= Q or pB[0][1] >= Q or pB[1][0] >= Q or pB[1][1] >= Q:
                    return False
                for i: uint256 in range(\(n)):
                    if pubSignals[i] >= R:
                        return False
                ok: bool = True
                vkX: uint256[2] = [IC0_X, IC0_Y]

            """
        for i in 0..<n {
            s += "    ok, vkX = self._mul_add(vkX, IC\(i + 1)_X, IC\(i + 1)_Y, pubSignals[\(i)])\n"
            s += "    if not ok:\n        return False\n"
        }
        s += """
                data: Bytes[768] = abi_encode(
                    pA[0], (Q - pA[1]) % Q, pB[0][0], pB[0][1], pB[1][0], pB[1][1],
                    ALPHA_X, ALPHA_Y, BETA_X1, BETA_X0, BETA_Y1, BETA_Y0,
                    vkX[0], vkX[1], GAMMA_X1, GAMMA_X0, GAMMA_Y1, GAMMA_Y0,
                    pC[0], pC[1], DELTA_X1, DELTA_X0, DELTA_Y1, DELTA_Y0)
                return self._pairing_is_one(data)

            """
        return s
    }

    /// The batch verifier: `verifyProofs(uint256[8][],uint256[N][])` for up to `maxProofs` proofs.
    public static func batchSource(_ vk: VerifyingKey, maxProofs: Int = 32) -> String {
        let n = vk.numPublic
        let maxWords = 6 * (maxProofs + 3)
        var s = header(vk, pairingInputBytes: 32 * maxWords + 64)
        s += """
            @external
            @view
            def verifyProofs(proofs: DynArray[uint256[8], \(maxProofs)], pubSignals: DynArray[uint256[\(n)], \(maxProofs)]) -> bool:
                k: uint256 = len(proofs)
                if k == 0 or len(pubSignals) != k:
                    return False
                seed: bytes32 = keccak256(abi_encode(proofs, pubSignals))
                words: DynArray[uint256, \(maxWords)] = []
                sumRho: uint256 = 0
                sumPub: uint256[\(n)] = empty(uint256[\(n)])
                accC: uint256[2] = [0, 0]
                ok: bool = True
                for i: uint256 in range(k, bound=\(maxProofs)):
                    for w: uint256 in range(8):
                        if proofs[i][w] >= Q:
                            return False
                    rho: uint256 = convert(keccak256(abi_encode(seed, i)), uint256) % R
                    sumRho = uint256_addmod(sumRho, rho, R)
                    for j: uint256 in range(\(n)):
                        if pubSignals[i][j] >= R:
                            return False
                        sumPub[j] = uint256_addmod(sumPub[j], uint256_mulmod(rho, pubSignals[i][j], R), R)
                    rhoA: uint256[2] = [0, 0]
                    ok, rhoA = self._mul_add([0, 0], proofs[i][0], proofs[i][1], rho)
                    if not ok:
                        return False
                    words.append(rhoA[0])
                    words.append((Q - rhoA[1]) % Q)
                    words.append(proofs[i][2])
                    words.append(proofs[i][3])
                    words.append(proofs[i][4])
                    words.append(proofs[i][5])
                    ok, accC = self._mul_add(accC, proofs[i][6], proofs[i][7], rho)
                    if not ok:
                        return False
                alphaTerm: uint256[2] = [0, 0]
                ok, alphaTerm = self._mul_add([0, 0], ALPHA_X, ALPHA_Y, sumRho)
                if not ok:
                    return False
                vkX: uint256[2] = [0, 0]
                ok, vkX = self._mul_add([0, 0], IC0_X, IC0_Y, sumRho)
                if not ok:
                    return False

            """
        for j in 0..<n {
            s += "    ok, vkX = self._mul_add(vkX, IC\(j + 1)_X, IC\(j + 1)_Y, sumPub[\(j)])\n"
            s += "    if not ok:\n        return False\n"
        }
        s += """
                for v: uint256 in [alphaTerm[0], alphaTerm[1], BETA_X1, BETA_X0, BETA_Y1, BETA_Y0,
                                   vkX[0], vkX[1], GAMMA_X1, GAMMA_X0, GAMMA_Y1, GAMMA_Y0,
                                   accC[0], accC[1], DELTA_X1, DELTA_X0, DELTA_Y1, DELTA_Y0]:
                    words.append(v)
                encoded: Bytes[\(32 * maxWords + 64)] = abi_encode(words)
                data: Bytes[\(32 * maxWords + 64)] = slice(encoded, 64, 32 * len(words))
                return self._pairing_is_one(data)

            """
        return s
    }

    /// Constants and the precompile helpers; `pairingInputBytes` bounds the pairing call's input.
    static func header(_ vk: VerifyingKey, pairingInputBytes: Int) -> String {
        var s = """
            # pragma version ~=0.4.3
            # @license MIT
            # Generated by settlement-agent (zkSettlement): Groth16 over BN254 for a fixed verifying key
            # with \(vk.numPublic) public signals. Do not edit; regenerate from the key.

            R: constant(uint256) = \(SolidityText.r)
            Q: constant(uint256) = \(SolidityText.q)

            """
        func g1(_ name: String, _ p: G1Affine) {
            s += "\(name)_X: constant(uint256) = \(p.x.decimalString)\n\(name)_Y: constant(uint256) = \(p.y.decimalString)\n"
        }
        func g2(_ name: String, _ p: G2Affine) {
            s += "\(name)_X1: constant(uint256) = \(p.x.c1.decimalString)\n\(name)_X0: constant(uint256) = \(p.x.c0.decimalString)\n"
            s += "\(name)_Y1: constant(uint256) = \(p.y.c1.decimalString)\n\(name)_Y0: constant(uint256) = \(p.y.c0.decimalString)\n"
        }
        g1("ALPHA", vk.alpha1)
        g2("BETA", vk.beta2)
        g2("GAMMA", vk.gamma2)
        g2("DELTA", vk.delta2)
        for (i, p) in vk.ic.enumerated() { g1("IC\(i)", p) }
        s += """

            @internal
            @view
            def _mul_add(acc: uint256[2], x: uint256, y: uint256, s: uint256) -> (bool, uint256[2]):
                ok: bool = False
                res: Bytes[64] = b""
                ok, res = raw_call(0x0000000000000000000000000000000000000007, abi_encode(x, y, s), max_outsize=64, is_static_call=True, revert_on_failure=False)
                if not ok or len(res) != 64:
                    return False, acc
                px: uint256 = convert(slice(res, 0, 32), uint256)
                py: uint256 = convert(slice(res, 32, 32), uint256)
                ok, res = raw_call(0x0000000000000000000000000000000000000006, abi_encode(acc[0], acc[1], px, py), max_outsize=64, is_static_call=True, revert_on_failure=False)
                if not ok or len(res) != 64:
                    return False, acc
                return True, [convert(slice(res, 0, 32), uint256), convert(slice(res, 32, 32), uint256)]


            @internal
            @view
            def _pairing_is_one(data: Bytes[\(pairingInputBytes)]) -> bool:
                ok: bool = False
                res: Bytes[32] = b""
                ok, res = raw_call(0x0000000000000000000000000000000000000008, data, max_outsize=32, is_static_call=True, revert_on_failure=False)
                return ok and len(res) == 32 and convert(res, uint256) == 1


            """
        return s
    }
}

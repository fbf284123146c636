"""The ecPairing precompile (EIP-197) of devchain on mcl instead of py_ecc.

py-evm computes BN254 pairings in pure Python (about 0.4 s a pairing, plus a G2 subgroup check
by scalar multiplication), so one settle call with a batch of proofs takes seconds and
eth_estimateGas, which executes it a dozen times, tens of seconds. This replaces only the
arithmetic: the input checks stay py-evm's own (field range, G1 and G2 on the curve, raised as
py-evm's ValidationError, so the precompile fails exactly as before), then mcl (the PyPI wheel
mclbn256, switched to Ethereum's alt_bn128) checks the G2 subgroup and computes the product of
pairings. Gas is untouched (py-evm's ecpairing wrapper charges it). `install()` checks mcl
against py_ecc on a product that is one and one that is not before it replaces anything, and
keeps py_ecc when the wheel is missing or disagrees.
"""
import importlib
from ctypes import byref, c_char_p, c_size_t, c_uint64

G1T, G2T, GTT = c_uint64 * 12, c_uint64 * 24, c_uint64 * 48


def _mcl():
    import mclbn256.mclbn256 as M
    lib = M.lib
    if lib.mclBn_init(4, 44) != 0 or not hasattr(lib, "mclBnG2_isValidOrder"):
        raise RuntimeError("mcl cannot switch to alt_bn128")
    return lib


def _module():
    # The package re-exports the curried function under the module's name.
    return importlib.import_module("eth.precompiles.ecpairing")


def _make(lib):
    pre = _module()
    from py_ecc import optimized_bn128 as bn128

    def g1(lib_point, x, y):
        s = f"1 {x} {y}".encode()
        return lib.mclBnG1_setStr(byref(lib_point), c_char_p(s), c_size_t(len(s)), 10) == 0

    def _ecpairing(data):
        pairs = []
        for start in range(0, len(data), 192):
            x1, y1, x2_i, x2_r, y2_i, y2_r = pre._extract_point(data[start:start + 192])
            p1 = pre.validate_point(x1, y1)
            for v in (x2_i, x2_r, y2_i, y2_r):
                if v >= bn128.field_modulus:
                    raise pre.ValidationError("value greater than field modulus")
            if (x2_r, x2_i, y2_r, y2_i) != (0, 0, 0, 0):
                p2 = (bn128.FQ2([x2_r, x2_i]), bn128.FQ2([y2_r, y2_i]), bn128.FQ2.one())
                if not bn128.is_on_curve(p2, bn128.b2):
                    raise pre.ValidationError("point is not on curve")
                q = G2T()
                s = f"1 {x2_r} {x2_i} {y2_r} {y2_i}".encode()
                if lib.mclBnG2_setStr(byref(q), c_char_p(s), c_size_t(len(s)), 10) != 0 or lib.mclBnG2_isValidOrder(byref(q)) != 1:
                    raise pre.ValidationError("G2 point is not in the subgroup")
                if p1 != bn128.Z1:
                    p = G1T()
                    if not g1(p, x1, y1):
                        raise pre.ValidationError("point is not on curve")
                    pairs.append((p, q))
        if not pairs:
            return True
        P, Q = (G1T * len(pairs))(), (G2T * len(pairs))()
        for i, (p, q) in enumerate(pairs):
            P[i], Q[i] = p, q
        f, e = GTT(), GTT()
        lib.mclBn_millerLoopVec(byref(f), P, Q, c_size_t(len(pairs)))
        lib.mclBn_finalExp(byref(e), byref(f))
        return lib.mclBnGT_isOne(byref(e)) == 1

    return _ecpairing


def _self_check(fast, slow):
    from py_ecc import optimized_bn128 as bn128

    def word(v):
        return int(v).to_bytes(32, "big")

    def pair(p1, p2):
        a, b = bn128.normalize(p1), bn128.normalize(p2)
        return word(a[0]) + word(a[1]) + word(b[0].coeffs[1]) + word(b[0].coeffs[0]) + word(b[1].coeffs[1]) + word(b[1].coeffs[0])

    k = 1234567
    one = pair(bn128.multiply(bn128.G1, k), bn128.G2) + pair(bn128.neg(bn128.G1), bn128.multiply(bn128.G2, k))
    not_one = pair(bn128.G1, bn128.G2)
    return fast(one) is True and slow(one) is True and fast(not_one) is False and slow(not_one) is False


def install():
    """Replaces py-evm's pairing arithmetic with mcl's; returns whether it did."""
    try:
        pre = _module()
        fast = _make(_mcl())
        if not _self_check(fast, pre._ecpairing):
            return False
        pre._ecpairing = fast
        return True
    except Exception:
        return False

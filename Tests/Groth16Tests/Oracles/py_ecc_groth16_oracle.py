#!/usr/bin/env python3
"""Independent Groth16 verification with py_ecc (optimized_bn128): the pairing-product check
e(-A, B) e(alpha, beta) e(vk_x, gamma) e(C, delta) = 1 over snarkjs JSON files, computed
entirely in Python (vk_x included).

  in:  {"vkey": <verification_key.json object>, "proof": <proof.json object>, "public": [decimal, ...]}
  out: {"valid": bool}
"""
import json
import sys

from py_ecc import optimized_bn128 as bn


def g1(p):
    return (bn.FQ(int(p[0])), bn.FQ(int(p[1])), bn.FQ(int(p[2])))


def g2(p):
    return tuple(bn.FQ2([int(c[0]), int(c[1])]) for c in p)


def main():
    request = json.load(sys.stdin)
    vk, proof, public = request["vkey"], request["proof"], [int(x) for x in request["public"]]
    ic = [g1(p) for p in vk["IC"]]
    if len(public) != len(ic) - 1 or any(x >= bn.curve_order for x in public):
        json.dump({"valid": False}, sys.stdout)
        return
    vk_x = ic[0]
    for x, base in zip(public, ic[1:]):
        vk_x = bn.add(vk_x, bn.multiply(base, x))
    a, b, c = g1(proof["pi_a"]), g2(proof["pi_b"]), g1(proof["pi_c"])
    for point, curve_b in ((a, bn.b), (c, bn.b)):
        if not bn.is_on_curve(point, curve_b):
            json.dump({"valid": False}, sys.stdout)
            return
    if not bn.is_on_curve(b, bn.b2):
        json.dump({"valid": False}, sys.stdout)
        return
    f = bn.FQ12.one()
    for p, q in ((bn.neg(a), b), (g1(vk["vk_alpha_1"]), g2(vk["vk_beta_2"])),
                 (vk_x, g2(vk["vk_gamma_2"])), (c, g2(vk["vk_delta_2"]))):
        f = f * bn.pairing(q, p, final_exponentiate=False)
    json.dump({"valid": bn.final_exponentiate(f) == bn.FQ12.one()}, sys.stdout)


if __name__ == "__main__":
    main()

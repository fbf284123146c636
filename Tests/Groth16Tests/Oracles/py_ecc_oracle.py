#!/usr/bin/env python3
"""Independent oracle for the Swift tests: py_ecc's BN254 (optimized_bn128) pairing and G2 scalar
multiplication. Reads one JSON object on stdin, writes one on stdout; all numbers are decimal
strings.

  in:  {"g1": [x, y], "g2": [[x.c0, x.c1], [y.c0, y.c1]], "scalar": k}
  out: {"pairing": [c0, ..., c11], "g2_mul": [[x.c0, x.c1], [y.c0, y.c1]]}

"pairing" is e(g1, g2) as py_ecc's FQ12 coefficients in its basis Fp[w] / (w^12 - 18 w^6 + 82)
(in which u = w^6 - 9); "g2_mul" is k * g2 in affine coordinates.
"""
import json
import sys

from py_ecc import optimized_bn128 as bn


def main():
    request = json.load(sys.stdin)
    (px, py), (qx, qy) = request["g1"], request["g2"]
    p = (bn.FQ(int(px)), bn.FQ(int(py)), bn.FQ.one())
    q = (bn.FQ2([int(qx[0]), int(qx[1])]), bn.FQ2([int(qy[0]), int(qy[1])]), bn.FQ2.one())
    assert bn.is_on_curve(p, bn.b) and bn.is_on_curve(q, bn.b2), "input point not on curve"
    e = bn.pairing(q, p)
    kq = bn.normalize(bn.multiply(q, int(request["scalar"])))
    json.dump({
        "pairing": [str(int(c)) for c in e.coeffs],
        "g2_mul": [[str(int(c)) for c in kq[0].coeffs], [str(int(c)) for c in kq[1].coeffs]],
    }, sys.stdout)


if __name__ == "__main__":
    main()

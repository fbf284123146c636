#!/usr/bin/env python3
"""Independent oracle for the Swift precompile tests: calls the EVM's BN254 precompiles
(0x06 ecAdd, 0x07 ecMul, 0x08 ecPairing) in revm (PyPI wheel pyrevm) on each input.

  in:  {"calls": [{"address": 6, "input": "<hex>"}, ...]}
  out: {"results": [{"ok": true, "output": "<hex>"} or {"ok": false}, ...]}

"ok": false means the precompile halted (invalid input); its gas is consumed.
"""
import json
import sys

from pyrevm import EVM

CALLER = "0x" + "11" * 20


def main():
    request = json.load(sys.stdin)
    evm = EVM()
    evm.set_balance(CALLER, 10**20)
    results = []
    for call in request["calls"]:
        address = "0x" + "00" * 19 + f"{call['address']:02x}"
        try:
            out = evm.message_call(CALLER, address, bytes.fromhex(call["input"]), gas=10_000_000)
            results.append({"ok": True, "output": bytes(out).hex()})
        except Exception:  # the precompile halted on invalid input
            results.append({"ok": False})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()

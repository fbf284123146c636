#!/usr/bin/env python3
"""Compiles a Vyper contract and calls it in revm (pyrevm): the EVM-level check of the
generated verifiers (no Solidity compiler installs on this machine; Vyper does).

  in:  {"source": "<vyper source>", "calls": ["<calldata hex>", ...]}
  out: {"results": [{"success": bool, "returndata": "<hex>", "gas": n}, ...]}
"""
import json
import sys

import vyper
from pyrevm import EVM

CALLER = "0x" + "11" * 20


def main():
    request = json.load(sys.stdin)
    compiled = vyper.compile_code(request["source"], output_formats=["bytecode"])
    code = bytes.fromhex(compiled["bytecode"].removeprefix("0x"))
    evm = EVM()
    evm.set_balance(CALLER, 10**20)
    address = evm.deploy(CALLER, code, gas=30_000_000)
    results = []
    for calldata in request["calls"]:
        try:
            out = evm.message_call(CALLER, address, bytes.fromhex(calldata.removeprefix("0x")), gas=30_000_000)
            results.append({"success": True, "returndata": bytes(out).hex(), "gas": evm.result.gas_used})
        except Exception as e:  # a revert or halt
            results.append({"success": False, "returndata": "", "gas": 0, "error": str(e)[:200]})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()

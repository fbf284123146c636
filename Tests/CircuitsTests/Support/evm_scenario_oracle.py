#!/usr/bin/env python3
"""Deploys contracts in revm (pyrevm) and runs a sequence of transactions against them: the
EVM-level check of the settlement registry, its Solidity (compiled by the tests with solc) and
its Vyper twin.

  in:  {"chainId": n, "deployer": "0x…", "funded": ["0x…", …],
        "contracts": [{"source": "<vyper>" | "bytecode": "<init code, hex>",
                       "args": "<ABI-encoded constructor arguments, hex>"}, …],
        "steps": [{"from": "0x…", "to": <contract index>, "calldata": "<hex>",
                   "value": "<wei, decimal>", "timestamp": <optional block timestamp>}, …],
        "watch": ["0x…", …]}
  out: {"addresses": ["0x…", …],
        "results": [{"success": bool, "returndata": "<hex>", "revert": "<reason or hex>", "gas": n,
                     "logs": [{"address": "0x…", "topics": ["<hex>", …], "data": "<hex>"}],
                     "balances": ["<wei of each watched address after the step>", …]}, …]}

Contracts are deployed by `deployer` in order (nonces 0, 1, …). A reverted step reports its
reason: the Error(string) text when the revert carries one, otherwise the raw revert data.
"""
import json
import re
import sys

import vyper
from pyrevm import EVM, BlockEnv, CfgEnv, Env

FUNDS = 10**30
ERROR_SELECTOR = "08c379a0"


def revert_reason(message):
    match = re.search(r"output: 0x([0-9a-fA-F]*)", message)
    if match is None:
        return message[:200]
    data = match.group(1).lower()
    if data.startswith(ERROR_SELECTOR) and len(data) >= 8 + 128:
        raw = bytes.fromhex(data[8:])
        length = int.from_bytes(raw[32:64], "big")
        return raw[64:64 + length].decode(errors="replace")
    return data


def main():
    request = json.load(sys.stdin)
    evm = EVM(env=Env(cfg=CfgEnv(chain_id=request["chainId"])))
    deployer = request["deployer"]
    for account in [deployer] + request.get("funded", []):
        evm.set_balance(account, FUNDS)
    addresses = []
    for contract in request["contracts"]:
        if "bytecode" in contract:
            init = contract["bytecode"]
        else:
            init = vyper.compile_code(contract["source"], output_formats=["bytecode"])["bytecode"]
        code = bytes.fromhex(init.removeprefix("0x") + contract.get("args", ""))
        addresses.append(evm.deploy(deployer, code, gas=30_000_000).lower())
    results = []
    for step in request["steps"]:
        if "timestamp" in step:
            evm.set_block_env(BlockEnv(number=step["timestamp"], timestamp=step["timestamp"]))
        result = {"success": True, "returndata": "", "revert": "", "gas": 0, "logs": []}
        try:
            out = evm.message_call(step["from"], addresses[step["to"]], bytes.fromhex(step["calldata"]),
                                   value=int(step.get("value", "0")), gas=30_000_000)
            result["returndata"] = bytes(out).hex()
            result["gas"] = evm.result.gas_used
            for log in evm.result.logs:
                topics, data = log.data
                result["logs"].append({"address": log.address.lower(), "topics": [t.hex() for t in topics],
                                       "data": data.hex()})
        except RuntimeError as e:  # a revert or halt
            result["success"] = False
            result["revert"] = revert_reason(str(e))
        result["balances"] = [str(evm.get_balance(a)) for a in request.get("watch", [])]
        results.append(result)
    json.dump({"addresses": addresses, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()

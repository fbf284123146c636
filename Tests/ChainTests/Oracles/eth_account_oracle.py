#!/usr/bin/env python3
"""EIP-1559 signing by eth-account (an independent implementation: eth-keys' RFC 6979 signer,
rlp, pycryptodome's keccak), for comparison with the Chain module byte for byte.

  in:  {"transactions": [{"key": "0x..", "chainId": int, "nonce": int, "maxPriorityFeePerGas": "dec",
        "maxFeePerGas": "dec", "gas": int, "to": "0x..." (absent for a creation), "value": "dec", "data": "0x.."}]}
  out: {"signed": [{"raw": "0x..", "hash": "0x..", "address": "0x.."}]}
"""
import json
import sys

from eth_account import Account
from eth_utils import to_checksum_address


def sign(t):
    tx = {
        "type": 2,
        "chainId": t["chainId"],
        "nonce": t["nonce"],
        "maxPriorityFeePerGas": int(t["maxPriorityFeePerGas"]),
        "maxFeePerGas": int(t["maxFeePerGas"]),
        "gas": t["gas"],
        "value": int(t["value"]),
        "data": t["data"],
        "accessList": [],
    }
    if t.get("to") is not None:
        tx["to"] = to_checksum_address(t["to"])
    signed = Account.sign_transaction(tx, t["key"])
    return {"raw": "0x" + signed.raw_transaction.hex().removeprefix("0x"),
            "hash": "0x" + signed.hash.hex().removeprefix("0x"),
            "address": Account.from_key(t["key"]).address.lower()}


request = json.load(sys.stdin)
json.dump({"signed": [sign(t) for t in request["transactions"]]}, sys.stdout)

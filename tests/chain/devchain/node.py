"""The Ethereum node behind devchain: JSON-RPC methods over eth-tester's py-evm backend.

Quantities go out as 0x-hex, byte strings as 0x-hex, keys in camelCase, as geth answers; node
errors use geth's codes and messages (-32000 "nonce too low", 3 "execution reverted", -32005
for too many logs), so a client cannot tell this node from a real one.
"""
import re
import threading

from eth_tester import EthereumTester, PyEVMBackend
from eth_tester.exceptions import (
    BlockNotFound,
    SnapshotNotFound,
    TransactionFailed,
    TransactionNotFound,
    ValidationError,
)
from eth_utils import keccak, to_checksum_address

# A fixed tip suggestion (1 gwei), as a quiet network's eth_maxPriorityFeePerGas answers.
PRIORITY_FEE = 10**9
_TAGS = ("latest", "earliest", "pending", "safe", "finalized")
# Keys whose eth-tester names differ from the JSON-RPC ones beyond snake_case -> camelCase.
_RENAMED = {"coinbase": "miner", "sha3_uncles": "sha3Uncles"}


class RPCError(Exception):
    """A JSON-RPC error object: code, message, optional data."""

    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code, self.message, self.data = code, message, data


def _camel(key):
    if key in _RENAMED:
        return _RENAMED[key]
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest)


def _out(value):
    """eth-tester's Python values as JSON-RPC values."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return hex(value)
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, dict):
        return {_camel(k): _out(v.to_bytes(256, "big") if k == "logs_bloom" and isinstance(v, int) else v)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_out(v) for v in value]
    return value


def _quantity(text, name):
    if not isinstance(text, str) or not re.fullmatch(r"0x(0|[1-9a-fA-F][0-9a-fA-F]*)", text):
        raise RPCError(-32602, f"invalid {name}: expected a 0x-prefixed hex quantity")
    return int(text, 16)


def _block_id(param):
    if param in _TAGS:
        return param
    return _quantity(param, "block number")


def _log(entry):
    out = _out({k: v for k, v in entry.items() if k != "type"})
    out["removed"] = False
    return out


def _transaction(call, default_sender, *, with_gas=True):
    """A call object (from, to, data, value, gas, fees) in eth-tester's form. Without `from` it
    is sent from the first funded account, as hardhat and anvil do: py-evm charges the sender
    for gas even in a call, so geth's zero-address default would fail for want of funds."""
    if not isinstance(call, dict):
        raise RPCError(-32602, "invalid call object")
    tx = {"from": call.get("from") or default_sender}
    if call.get("to"):
        tx["to"] = call["to"]
    tx["data"] = call.get("data") or call.get("input") or "0x"
    tx["value"] = _quantity(call.get("value", "0x0"), "value")
    if with_gas and "gas" in call:
        tx["gas"] = _quantity(call["gas"], "gas")
    for name, key in (("maxFeePerGas", "max_fee_per_gas"), ("maxPriorityFeePerGas", "max_priority_fee_per_gas")):
        if name in call:
            tx[key] = _quantity(call[name], name)
    return tx


def _node_error(error):
    """An eth-tester or py-evm exception as geth's JSON-RPC error."""
    text = str(error)
    if isinstance(error, TransactionFailed):
        reason = error.args[0] if error.args else None
        data = "0x" + reason.hex() if isinstance(reason, bytes) else None
        message = "execution reverted" + (f": {reason}" if isinstance(reason, str) and reason else "")
        return RPCError(3, message, data)
    nonce = re.search(r"nonce.*Expected (\d+), but got (\d+)", text)
    if nonce:
        expected, got = int(nonce.group(1)), int(nonce.group(2))
        word = "low" if got < expected else "high"
        return RPCError(-32000, f"nonce too {word}: next nonce {expected}, tx nonce {got}")
    if "balance" in text.lower() or "insufficient" in text.lower():
        return RPCError(-32000, "insufficient funds for gas * price + value")
    return RPCError(-32000, text)


class DevNode:
    """One chain, one lock: requests and the interval miner never interleave inside eth-tester."""

    def __init__(self, accounts, max_logs):
        self._backend = PyEVMBackend(genesis_state=PyEVMBackend.generate_genesis_state(num_accounts=accounts))
        self._tester = EthereumTester(backend=self._backend)
        self._lock = threading.RLock()
        self._max_logs = max_logs
        self._snapshots = {}
        self._miner = None
        self._miner_stop = threading.Event()
        self._methods = {
            "web3_clientVersion": lambda: "devchain/eth-tester-py-evm",
            "net_version": lambda: str(self.chain_id()),
            "eth_chainId": lambda: hex(self.chain_id()),
            "eth_blockNumber": lambda: hex(self._tester.get_block_by_number("latest")["number"]),
            "eth_getBlockByNumber": self._get_block_by_number,
            "eth_getBlockByHash": self._get_block_by_hash,
            "eth_getBalance": lambda a, b="latest": hex(self._tester.get_balance(a, _block_id(b))),
            "eth_getCode": lambda a, b="latest": self._tester.get_code(a, _block_id(b)),
            "eth_getTransactionCount": lambda a, b="latest": hex(self._tester.get_nonce(a, _block_id(b))),
            "eth_gasPrice": lambda: hex(self._base_fee() + PRIORITY_FEE),
            "eth_maxPriorityFeePerGas": lambda: hex(PRIORITY_FEE),
            "eth_feeHistory": self._fee_history,
            "eth_call": lambda c, b="latest": self._tester.call(_transaction(c, self._sender()), _block_id(b)),
            "eth_estimateGas": lambda c, b="latest": hex(self._tester.estimate_gas(
                _transaction(c, self._sender(), with_gas=False), _block_id(b))),
            "eth_sendRawTransaction": self._send_raw_transaction,
            "eth_getTransactionReceipt": self._receipt,
            "eth_getTransactionByHash": self._transaction_by_hash,
            "eth_getLogs": self._get_logs,
            "evm_snapshot": self._snapshot,
            "evm_revert": self._revert,
            "evm_mine": self._mine,
            "evm_increaseTime": self._increase_time,
            "evm_setNextBlockTimestamp": lambda t: self._travel(_quantity(t, "timestamp") if isinstance(t, str) else int(t)),
            "evm_setAutomine": self._set_automine,
            "evm_setIntervalMining": lambda ms: self.set_interval_mining(int(ms) / 1000.0),
            "anvil_dropTransaction": self._drop_transaction,
            "devchain_setMinPriorityFee": self._set_min_priority_fee,
        }
        self._min_tip = 0

    def chain_id(self):
        return self._backend.chain.chain_id

    def funded_accounts(self):
        return [{"address": to_checksum_address(k.public_key.to_canonical_address()), "privateKey": "0x" + k.to_bytes().hex()}
                for k in self._backend.account_keys]

    def _sender(self):
        return self.funded_accounts()[0]["address"]

    def dispatch(self, method, params):
        handler = self._methods.get(method)
        if handler is None:
            raise RPCError(-32601, f"the method {method} does not exist/is not available")
        with self._lock:
            try:
                return _out(handler(*params))
            except RPCError:
                raise
            except TypeError as e:
                raise RPCError(-32602, f"invalid params for {method}: {e}") from None
            except (ValidationError, TransactionFailed, ValueError) as e:
                raise _node_error(e) from None
            except Exception as e:  # py-evm's own validation errors have no common base here
                raise _node_error(e) from None

    # Blocks and transactions

    def _block(self, fetch, full):
        try:
            block = fetch(bool(full))
        except BlockNotFound:
            return None
        return block

    def _get_block_by_number(self, number, full=False):
        return self._block(lambda f: self._tester.get_block_by_number(_block_id(number), f), full)

    def _get_block_by_hash(self, block_hash, full=False):
        return self._block(lambda f: self._tester.get_block_by_hash(block_hash, f), full)

    def _base_fee(self):
        return self._tester.get_block_by_number("latest")["base_fee_per_gas"]

    def _fee_history(self, count, newest="latest", percentiles=()):
        block_count = _quantity(count, "block count") if isinstance(count, str) else int(count)
        return self._tester.get_fee_history(block_count, _block_id(newest), list(percentiles))

    def _send_raw_transaction(self, raw):
        if not isinstance(raw, str) or not raw.startswith("0x"):
            raise RPCError(-32602, "invalid raw transaction")
        tx_hash = "0x" + keccak(hexstr=raw).hex()
        try:
            known = self._tester.get_transaction_by_hash(tx_hash)
        except TransactionNotFound:
            known = None
        if known is not None and known.get("block_number") is None:
            raise RPCError(-32000, "already known")
        self._check_replacement(raw)
        return self._tester.send_raw_transaction(raw)

    def _check_replacement(self, raw):
        """As geth's pool: a transaction at the nonce of one waiting from the same sender replaces
        it only with both fees raised by at least 10%."""
        try:
            tx = self._backend.chain.get_vm().get_transaction_builder().decode(bytes.fromhex(raw[2:]))
        except Exception:
            return  # eth-tester reports what is wrong with it
        def fees(t):
            tip = t.get("max_priority_fee_per_gas", t.get("gas_price", 0))
            return tip, t.get("max_fee_per_gas", t.get("gas_price", 0))
        if hasattr(tx, "max_fee_per_gas"):
            new = (tx.max_priority_fee_per_gas, tx.max_fee_per_gas)
        else:
            new = (tx.gas_price, tx.gas_price)
        sender = to_checksum_address(tx.sender)
        for _, waiting in self._pooled():
            if to_checksum_address(waiting["from"]) == sender and waiting["nonce"] == tx.nonce:
                old = fees(waiting)
                if new[0] * 10 < old[0] * 11 or new[1] * 10 < old[1] * 11:
                    raise RPCError(-32000, "replacement transaction underpriced")

    def _receipt(self, tx_hash):
        try:
            receipt = self._tester.get_transaction_receipt(tx_hash)
        except TransactionNotFound:
            return None
        if receipt.get("block_number") is None:
            return None
        out = _out({k: v for k, v in receipt.items() if k != "logs"})
        out["logs"] = [_log(entry) for entry in receipt["logs"]]
        return out

    def _transaction_by_hash(self, tx_hash):
        try:
            return self._tester.get_transaction_by_hash(tx_hash)
        except TransactionNotFound:
            return None

    def _get_logs(self, query):
        if not isinstance(query, dict):
            raise RPCError(-32602, "invalid filter object")
        if "blockHash" in query:
            number = self._tester.get_block_by_hash(query["blockHash"])["number"]
            from_block = to_block = number
        else:
            from_block = _block_id(query.get("fromBlock", "latest"))
            to_block = _block_id(query.get("toBlock", "latest"))
        logs = self._tester.get_logs(from_block=from_block, to_block=to_block,
                                     address=query.get("address"), topics=query.get("topics"))
        if len(logs) > self._max_logs:
            raise RPCError(-32005, f"query returned more than {self._max_logs} results")
        return [_log(entry) for entry in logs]

    # Test controls (the names hardhat and anvil use)

    def _snapshot(self):
        snapshot = self._tester.take_snapshot()
        self._snapshots[snapshot] = True
        return hex(snapshot)

    def _revert(self, snapshot_id):
        snapshot = _quantity(snapshot_id, "snapshot id")
        try:
            self._tester.revert_to_snapshot(snapshot)
        except SnapshotNotFound:
            return False
        return True

    def _mine(self, count=None):
        blocks = 1 if count is None else (_quantity(count, "block count") if isinstance(count, str) else int(count))
        self._mine_blocks(blocks)
        return "0x0"

    def _mine_blocks(self, count):
        """Mines `count` blocks from the pool, leaving in it what tips less than the minimum."""
        def tip(t):
            return t.get("max_priority_fee_per_gas", t.get("gas_price", 0))
        pool = list(self._tester._pending_transactions)
        held = [t for t in pool if tip(t) < self._min_tip]
        self._tester._pending_transactions = [t for t in pool if tip(t) >= self._min_tip]
        try:
            self._tester.mine_blocks(count)
        finally:
            self._tester._pending_transactions = held + list(self._tester._pending_transactions)

    def _pooled(self):
        def text(h):
            return (h if isinstance(h, str) else "0x" + bytes(h).hex()).lower()
        return [(text(t["hash"]), t) for t in self._tester._pending_transactions]

    def _drop_transaction(self, tx_hash):
        """Forgets a transaction waiting in the pool, as a node that evicted it: true if it was there."""
        pool = self._pooled()
        kept = [t for h, t in pool if h != str(tx_hash).lower()]
        self._tester._pending_transactions = kept
        return len(kept) < len(pool)

    def _set_min_priority_fee(self, wei):
        """Leaves in the pool, unmined, every transaction that tips less than `wei` per gas (as
        miners skip underpriced transactions); interval and evm_mine mining only."""
        self._min_tip = _quantity(wei, "priority fee") if isinstance(wei, str) else int(wei)
        return True

    def _travel(self, timestamp):
        """Mines one block at `timestamp` (eth-tester cannot hold a timestamp for a later block)."""
        self._tester.time_travel(timestamp)
        return hex(timestamp)

    def _increase_time(self, seconds):
        delta = _quantity(seconds, "seconds") if isinstance(seconds, str) else int(seconds)
        self._travel(self._tester.get_block_by_number("pending")["timestamp"] + delta)
        return hex(delta)

    def _set_automine(self, enabled):
        if enabled:
            self._tester.enable_auto_mine_transactions()
        else:
            self._tester.disable_auto_mine_transactions()
        return True

    def set_interval_mining(self, seconds):
        """Mines a block every `seconds` (transactions wait for it); 0: one block per transaction."""
        if self._miner is not None:
            self._miner_stop.set()
            self._miner.join()
            self._miner = None
        with self._lock:
            self._set_automine(seconds <= 0)
        if seconds > 0:
            self._miner_stop = threading.Event()
            self._miner = threading.Thread(target=self._mine_every, args=(seconds, self._miner_stop), daemon=True)
            self._miner.start()
        return True

    def _mine_every(self, seconds, stop):
        while not stop.wait(seconds):
            with self._lock:
                self._mine_blocks(1)

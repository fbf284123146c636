"""devchain: an Ethereum JSON-RPC node on 127.0.0.1 over eth-tester's py-evm backend.

Run as `python tests/chain/devchain [--port 0] [--block-time SECONDS] [--max-logs N]`. On start-up
it prints one JSON line on stdout: {"url", "chainId", "accounts": [{"address", "privateKey"}]};
then it serves until SIGTERM/SIGINT. See doc/CHAIN.md for the methods and the test controls.
"""
import argparse
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fast_pairing  # noqa: E402
from node import DevNode  # noqa: E402
from server import serve  # noqa: E402


def main():
    parser = argparse.ArgumentParser(prog="devchain", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8545, help="port; 0 picks a free one (default 8545)")
    parser.add_argument("--block-time", type=float, default=0.0,
                        help="seconds between blocks; 0 (default) mines one block per transaction")
    parser.add_argument("--max-logs", type=int, default=10000,
                        help="eth_getLogs answers with error -32005 above this many logs (default 10000)")
    parser.add_argument("--accounts", type=int, default=10, help="funded accounts (default 10)")
    args = parser.parse_args()
    # mcl for the pairing precompile's arithmetic (py_ecc if the wheel is missing).
    fast_pairing.install()

    node = DevNode(accounts=args.accounts, max_logs=args.max_logs)
    node.set_interval_mining(args.block_time)
    httpd = serve(node, args.host, args.port)
    host, port = httpd.server_address[:2]
    print(json.dumps({
        "url": f"http://{host}:{port}",
        "chainId": node.chain_id(),
        "accounts": node.funded_accounts(),
    }), flush=True)

    def stop(*_):
        node.set_interval_mining(0)
        httpd.shutdown_soon()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # A parent may have started us with these blocked (the mask is inherited): take them back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    httpd.serve_forever()


if __name__ == "__main__":
    main()

# zkSettlement agent. On a fresh machine: `make run` starts the agent, `make test` runs the tests.
SHELL := /bin/bash
SWIFT ?= swift
# Tests run optimised (debug-mode BN254 arithmetic is ~30x slower) but with @testable access.
TEST_FLAGS := -c release -Xswiftc -enable-testing
TEST_SCRATCH := .build-test
BIN := .build/release
DATA ?= data
KEYS ?= $(DATA)/keys
# Trace slots per proof of the settlement circuit that `make run` sets up (see doc/CIRCUITS.md).
TRACES ?= 16
HOST ?= 127.0.0.1
PORT ?= 8080
DEB_PACKAGES := libgmp-dev libsodium-dev libsqlite3-dev libsecp256k1-dev pkg-config
PEERS := ../shared/peers

.PHONY: deps build test bench load run clean python crash fuzz devchain

## deps: install the Debian packages the build links against, when missing
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else \
	    echo "error: need$$missing; run as root: apt-get install -y$$missing" >&2; exit 1; fi; \
	  $$SUDO apt-get install -y $$missing >/dev/null 2>&1 || { $$SUDO apt-get update >/dev/null && $$SUDO apt-get install -y $$missing; } || \
	    { echo "error: could not install$$missing with apt-get; install them by hand" >&2; exit 1; }; \
	fi

## build: release build of settlement-agent and settlement-bench
build: deps
	$(SWIFT) build -c release --product settlement-agent
	$(SWIFT) build -c release --product settlement-bench

## python: the virtualenv with py_ecc, the EVM, vyper and the speed peers (used by tests and
## benchmarks), plus tree-sitter-solidity for the syntax check of the generated Solidity, and
## eth-tester's py-evm node and eth-account for the chain tests (doc/CHAIN.md)
CHAIN_PYTHON_PACKAGES := eth-tester[py-evm]==0.14.0b1 py-evm==0.12.1b1 eth-account==0.14.0
python:
	@PY="$$($(PEERS)/install.sh)"; "$$PY" -c "import tree_sitter_solidity" 2>/dev/null || "$$PY" -m pip install -q abch-tree-sitter-solidity==1.3.1; \
	"$$PY" -c "import eth_tester, eth, eth_account" 2>/dev/null || "$$PY" -m pip install -q $(CHAIN_PYTHON_PACKAGES)

## devchain: an Ethereum JSON-RPC node on $(HOST):$(DEVCHAIN_PORT) over eth-tester's py-evm backend
## (tests/chain/devchain; DEVCHAIN_ARGS adds options, e.g. --block-time 2); prints its URL, chain id
## and funded accounts with their keys as one JSON line
DEVCHAIN_PORT ?= 8545
devchain: python
	exec "$$($(PEERS)/install.sh)" tests/chain/devchain --host $(HOST) --port $(DEVCHAIN_PORT) $(DEVCHAIN_ARGS)

## test: every test, optimised, with py_ecc available as an independent oracle
test: deps python
	$(SWIFT) build $(TEST_FLAGS) --scratch-path $(TEST_SCRATCH) --build-tests
	SETTLEMENT_PYTHON="$$($(PEERS)/install.sh)" $(SWIFT) test $(TEST_FLAGS) --scratch-path $(TEST_SCRATCH) --skip-build

## bench: the benchmark suites beside the peers (mcl, arkworks), ratios printed as a table
bench: build python
	PY="$$($(PEERS)/install.sh)" BIN=$(BIN) PEERS=$(PEERS) python3 Benchmarks/run.py

## load: ingestion load test on 127.0.0.1 (issue 9): batched and single-trace POST /v1/traces,
## throughput, p50/p99 latency, stored = acknowledged (Benchmarks/load.sh; LOAD_* variables)
load: deps
	$(SWIFT) build -c release --product settlement-agent
	$(SWIFT) build -c release --product settlement-load
	BIN=$(BIN) Benchmarks/load.sh

## run: build, make the keys once (the one-time setup of the settlement circuit of $(TRACES)
## trace slots into $(KEYS); a few minutes), then serve on $(HOST):$(PORT) with $(DATA)/agent.sqlite
run: build
	@if [ ! -f $(KEYS)/circuit.zkey ] || [ ! -f $(KEYS)/circuit.json ]; then \
	  echo "No keys in $(KEYS): running the one-time setup for $(TRACES) trace slots (a few minutes)."; \
	  rm -rf $(KEYS).partial && \
	  $(BIN)/settlement-agent setup --traces $(TRACES) --out $(KEYS).partial && \
	  mv $(KEYS).partial $(KEYS); \
	fi
	exec $(BIN)/settlement-agent serve --data $(DATA) --keys $(KEYS) --host $(HOST) --port $(PORT)

## crash: SIGKILL the agent 100 times during ingestion and proving, then check the database
## (tests/crash/run.py; loopback only, under 10 minutes; CRASH_ARGS adds options)
crash: deps
	$(SWIFT) build -c release --product settlement-agent
	python3 tests/crash/run.py --bin $(BIN)/settlement-agent $(CRASH_ARGS)

## fuzz: FUZZ_SECONDS (default 120) of seeded mutation fuzzing per decoder, each in a worker
## with a memory cap and a per-input time limit; seeds in tests/fuzz/corpus plus snarkjs's files
FUZZ_SECONDS ?= 120
FUZZ_VECTORS := ../shared/vectors/snarkjs/tutorial_multiplier5
FUZZ_SEEDS := $(wildcard $(FUZZ_VECTORS)/*.r1cs $(FUZZ_VECTORS)/*.wtns $(FUZZ_VECTORS)/*.zkey $(FUZZ_VECTORS)/*.json \
	../shared/vectors/r1cs_spec/*.r1cs)
fuzz: deps
	$(SWIFT) build -c release --product settlement-fuzz
	$(BIN)/settlement-fuzz run --seconds $(FUZZ_SECONDS) $(addprefix --extra-seeds ,$(FUZZ_SEEDS)) $(FUZZ_ARGS)

clean:
	rm -rf .build $(TEST_SCRATCH)

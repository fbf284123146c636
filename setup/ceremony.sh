#!/usr/bin/env bash
# The settlement circuit's keys from a multi-party ceremony (doc/CEREMONY.md), step by step.
# Each step is one command a participant runs on their own machine; files move between them.
#
#   setup/ceremony.sh circuit  L OUT.r1cs                 the circuit of L trace slots
#   setup/ceremony.sh start    OUT.r1cs PTAU ZKEY         coordinator: the initial phase-2 key
#   setup/ceremony.sh contribute IN.zkey OUT.zkey NAME    each contributor, in turn
#   setup/ceremony.sh finish   R1CS PTAU IN.zkey BEACON_HEX KEYS_DIR L
#                                                         coordinator: beacon, verify, keys dir
#
# PTAU is a prepared Powers of Tau: the public Hermez file, or one from `ceremony ptau ...`.
# KEYS_DIR is what `settlement-agent serve --keys` (or data/keys for `make run`) reads.
# AGENT overrides the binary (default .build/release/settlement-agent).
set -euo pipefail
AGENT=${AGENT:-.build/release/settlement-agent}

usage() { sed -n '2,13p' "$0" >&2; exit 2; }
[ $# -ge 1 ] || usage
step=$1; shift
case "$step" in
  circuit)
    [ $# -eq 2 ] || usage
    "$AGENT" circuit export --traces "$1" --out "$2" ;;
  start)
    [ $# -eq 3 ] || usage
    "$AGENT" ceremony zkey new --r1cs "$1" --ptau "$2" --zkey "$3" ;;
  contribute)
    [ $# -eq 3 ] || usage
    "$AGENT" ceremony zkey contribute --in "$1" --out "$2" --name "$3" ;;
  finish)
    [ $# -eq 6 ] || usage
    r1cs=$1 ptau=$2 last=$3 beacon=$4 keys=$5 traces=$6
    mkdir -p "$keys"
    "$AGENT" ceremony zkey beacon --in "$last" --out "$keys/circuit.zkey" --beacon "$beacon" --iterations 10 --name "final beacon"
    "$AGENT" ceremony zkey verify --r1cs "$r1cs" --ptau "$ptau" --zkey "$keys/circuit.zkey"
    "$AGENT" ceremony zkey export-vkey --zkey "$keys/circuit.zkey" --out "$keys/verification_key.json"
    "$AGENT" ceremony zkey export-solidity --zkey "$keys/circuit.zkey" --out "$keys/Verifier.sol"
    cp "$r1cs" "$keys/circuit.r1cs"
    printf '{"traces": %d}\n' "$traces" > "$keys/circuit.json"
    echo "keys for the settlement circuit of $traces trace slots in $keys" ;;
  *) usage ;;
esac

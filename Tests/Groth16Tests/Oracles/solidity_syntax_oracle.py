#!/usr/bin/env python3
"""Parses Solidity sources with tree-sitter-solidity (PyPI abch-tree-sitter-solidity), the
syntax check available where no Solidity compiler installs. Reports the first error node.

  in:  {"sources": ["<solidity>", ...]}
  out: {"results": [{"ok": bool, "error": "line L col C: <text>"}, ...]}
"""
import json
import sys

import tree_sitter_solidity


def first_error(node):
    if node.type == "ERROR" or node.is_missing:
        return node
    for child in node.children:
        found = first_error(child)
        if found is not None:
            return found
    return None


def main():
    parser = tree_sitter_solidity.get_parser()
    results = []
    for source in json.load(sys.stdin)["sources"]:
        tree = parser.parse(source.encode())
        bad = first_error(tree.root_node) if tree.root_node.has_error else None
        if bad is None:
            results.append({"ok": True, "error": ""})
        else:
            line, col = bad.start_point
            text = source.encode()[bad.start_byte:bad.end_byte][:80].decode(errors="replace")
            results.append({"ok": False, "error": f"line {line + 1} col {col + 1}: {bad.type} {text!r}"})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The external interface of a Solidity contract (read with tree-sitter-solidity: no Solidity
compiler installs here) and of a Vyper contract (from vyper's ABI output), as comparable lines:

  function NAME(TYPES) MUTABILITY returns (TYPES)
  event NAME(TYPE [indexed], ...)
  constructor(TYPES)

Public state variables of the Solidity contract count as their getters (a mapping's keys are
the getter's inputs; an interface or contract type is an address).

  in:  {"solidity": "<source>", "contract": "<name>", "vyper": "<source>"}
  out: {"solidity": [lines, sorted], "vyper": [lines, sorted]}
"""
import json
import sys

import tree_sitter_solidity
import vyper


def canonical(type_text, user_types):
    text = "".join(type_text.split())
    base = text.split("[", 1)[0]
    suffix = text[len(base):]
    if base == "uint":
        base = "uint256"
    elif base == "int":
        base = "int256"
    elif base in user_types:
        base = "address"
    return base + suffix


class SolidityInterface:
    def __init__(self, source, contract):
        self.source = source.encode()
        tree = tree_sitter_solidity.get_parser().parse(self.source)
        if tree.root_node.has_error:
            raise SystemExit("the Solidity source does not parse")
        self.user_types = {self.text(n.child_by_field_name("name")) for n in tree.root_node.children
                           if n.type in ("interface_declaration", "contract_declaration")}
        self.contract = next(n for n in tree.root_node.children
                             if n.type == "contract_declaration" and self.text(n.child_by_field_name("name")) == contract)

    def text(self, node):
        return self.source[node.start_byte:node.end_byte].decode()

    def type_of(self, node):
        return canonical(self.text(node), self.user_types)

    def children(self, node, kind):
        return [c for c in node.children if c.type == kind]

    def params(self, node):
        return ",".join(self.type_of(p.child_by_field_name("type")) for p in self.children(node, "parameter"))

    def lines(self):
        out = []
        for member in self.contract.child_by_field_name("body").children:
            if member.type == "function_definition":
                visibility = [self.text(v) for v in self.children(member, "visibility")]
                if not set(visibility) & {"external", "public"}:
                    continue
                mutability = [self.text(m) for m in self.children(member, "state_mutability")]
                returns = self.children(member, "return_type_definition")
                line = f"function {self.text(member.child_by_field_name('name'))}({self.params(member)}) "
                line += mutability[0] if mutability else "nonpayable"
                if returns:
                    line += f" returns ({self.params(returns[0])})"
                out.append(line)
            elif member.type == "constructor_definition":
                out.append(f"constructor({self.params(member)})")
            elif member.type == "event_definition":
                parts = []
                for p in self.children(member, "event_paramater"):
                    indexed = " indexed" if self.children(p, "indexed") else ""
                    parts.append(self.type_of(p.child_by_field_name("type")) + indexed)
                out.append(f"event {self.text(member.child_by_field_name('name'))}({','.join(parts)})")
            elif member.type == "state_variable_declaration":
                if "public" not in [self.text(v) for v in self.children(member, "visibility")]:
                    continue
                keys, value = self.getter(member.child_by_field_name("type"))
                name = self.text(member.child_by_field_name("name"))
                out.append(f"function {name}({','.join(keys)}) view returns ({value})")
        return sorted(out)

    def getter(self, type_node):
        """The getter's inputs and output for a state variable's type."""
        if self.text(type_node).startswith("mapping"):
            key = next(c for c in type_node.children if c.type in ("primitive_type", "user_defined_type"))
            keys, value = self.getter(next(c for c in type_node.children if c.type == "type_name"))
            return [canonical(self.text(key), self.user_types)] + keys, value
        if "[" in self.text(type_node):
            raise SystemExit("public array state variables are not supported")
        return [], self.type_of(type_node)


def vyper_lines(source):
    out = []
    for entry in vyper.compile_code(source, output_formats=["abi"])["abi"]:
        inputs = ",".join(i["type"] for i in entry.get("inputs", []))
        if entry["type"] == "function":
            line = f"function {entry['name']}({inputs}) {entry['stateMutability']}"
            if entry.get("outputs"):
                line += f" returns ({','.join(o['type'] for o in entry['outputs'])})"
            out.append(line)
        elif entry["type"] == "constructor":
            out.append(f"constructor({inputs})")
        elif entry["type"] == "event":
            parts = [i["type"] + (" indexed" if i["indexed"] else "") for i in entry["inputs"]]
            out.append(f"event {entry['name']}({','.join(parts)})")
    return sorted(out)


def main():
    request = json.load(sys.stdin)
    json.dump({"solidity": SolidityInterface(request["solidity"], request["contract"]).lines(),
               "vyper": vyper_lines(request["vyper"])}, sys.stdout)


if __name__ == "__main__":
    main()

extension ConstraintSystem {
    /// The exported (iden3) index of every builder wire: 0 is the constant 1, then public
    /// outputs, public inputs, private inputs and internal wires, each group in creation order.
    public func exportedWireIndices() -> [Int] {
        var counts = [Int](repeating: 0, count: 5)
        for k in wireKinds { counts[Int(k.rawValue)] += 1 }
        var next = [Int](repeating: 0, count: 5)
        var start = 0
        for k in 0..<5 {
            next[k] = start
            start += counts[k]
        }
        return wireKinds.map { kind in
            let i = next[Int(kind.rawValue)]
            next[Int(kind.rawValue)] += 1
            return i
        }
    }

    /// Number of wires of each kind.
    public func wireCount(of kind: WireKind) -> Int { wireKinds.lazy.filter { $0 == kind }.count }

    /// The constraint system in the Groth16 R1CS type, wires renumbered to the iden3 layout and
    /// each row's terms sorted by wire. `wireLabels` holds each exported wire's builder index.
    public func makeR1CS() -> R1CS {
        precondition(recordsConstraints, "no constraints recorded in mode .witnessOnly")
        let map = exportedWireIndices()
        var labels = [UInt64](repeating: 0, count: wireCount)
        for (builderIndex, exported) in map.enumerated() { labels[exported] = UInt64(builderIndex) }
        var constraints: [Constraint] = []
        constraints.reserveCapacity(constraintCount)
        for i in 0..<constraintCount {
            constraints.append(Constraint(a: exportRow(3 * i, map), b: exportRow(3 * i + 1, map), c: exportRow(3 * i + 2, map)))
        }
        return R1CS(numWires: wireCount, numPublicOutputs: wireCount(of: .publicOutput),
                    numPublicInputs: wireCount(of: .publicInput), numPrivateInputs: wireCount(of: .privateInput),
                    constraints: constraints, wireLabels: labels)
    }

    private func exportRow(_ row: Int, _ map: [Int]) -> LinearCombination {
        var terms: [Term] = []
        terms.reserveCapacity(Int(rowEnds[row + 1] - rowEnds[row]))
        for k in Int(rowEnds[row])..<Int(rowEnds[row + 1]) {
            terms.append(Term(wire: map[Int(termWires[k])], coefficient: termCoefficients[k]))
        }
        terms.sort { $0.wire < $1.wire }
        return LinearCombination(terms)
    }

    /// The witness in the exported wire order (values[0] = 1, then the public signals).
    public func makeWitness() -> Witness {
        precondition(recordsValues, "no values in mode .constraintsOnly")
        let map = exportedWireIndices()
        var out = [Fr](repeating: .zero, count: wireCount)
        for (builderIndex, exported) in map.enumerated() { out[exported] = values[builderIndex] }
        return Witness(values: out)
    }

    /// The public signals (outputs then inputs), as `public.json` lists them.
    public func publicSignals() -> [Fr] {
        let count = wireCount(of: .publicOutput) + wireCount(of: .publicInput)
        return count == 0 ? [] : makeWitness().publicSignals(count: count)
    }
}

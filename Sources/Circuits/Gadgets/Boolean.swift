extension ConstraintSystem {
    /// Constrains `s` to 0 or 1 with `s·(s − 1) = 0` (one constraint).
    public func boolean(_ s: Signal, _ label: StaticString = "boolean", index: Int = -1) -> Bit {
        enforce(s * (s - 1) == .zero, label, index: index)
        return Bit(unchecked: s)
    }

    /// A private boolean wire with the given value (one constraint).
    public func booleanInput(_ name: StaticString, index: Int = -1, value: @autoclosure () -> Bool) -> Bit {
        let s = privateInput(name, index: index, value: value() ? .one : .zero)
        return boolean(s, name, index: index)
    }

    /// a ∧ b (one constraint unless a factor is constant).
    public func and(_ a: Bit, _ b: Bit) -> Bit { Bit(unchecked: product(a.signal, b.signal, "and")) }

    /// a ∨ b = a + b − a·b (one constraint unless a factor is constant).
    public func or(_ a: Bit, _ b: Bit) -> Bit {
        Bit(unchecked: a.signal + b.signal - product(a.signal, b.signal, "or"))
    }

    /// a ⊕ b = a + b − 2·a·b (one constraint unless a factor is constant).
    public func xor(_ a: Bit, _ b: Bit) -> Bit {
        Bit(unchecked: a.signal + b.signal - 2 * product(a.signal, b.signal, "xor"))
    }

    /// `condition ? ifTrue : ifFalse` = ifFalse + condition·(ifTrue − ifFalse) (one constraint
    /// unless the condition or the difference is constant).
    public func select(_ condition: Bit, _ ifTrue: Signal, _ ifFalse: Signal) -> Signal {
        ifFalse + product(condition.signal, ifTrue - ifFalse, "select")
    }
}

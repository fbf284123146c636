/// A Groth16 proving key in the layout snarkjs uses in a .zkey, for a circuit with
/// `numVariables` wires (wire 0 the constant 1, wires 1...numPublic public) and an evaluation
/// domain of `domainSize` = 2^k points.
///
/// The points are (τ the toxic secret, L_c the Lagrange basis of the domain at τ, and u_i, v_i,
/// w_i the QAP polynomials of wire i):
/// - `a[i]` = u_i(τ)·G1, `b1[i]` = v_i(τ)·G1, `b2[i]` = v_i(τ)·G2 for every wire;
/// - `ic[i]` = (β u_i + α v_i + w_i)(τ)/γ · G1 for public wires (γ = 1 in snarkjs keys);
/// - `c[j]` = (β u_i + α v_i + w_i)(τ)/δ · G1 for the private wire i = numPublic + 1 + j;
/// - `h[i]` = L-basis points of the 2n domain at the odd indices, divided by δ
///   (snarkjs's H query; see the prover).
/// `coefficients` lists the non-zero entries of the A and B matrices the prover evaluates,
/// including one extra A row per public wire (constraint m + i, wire i, coefficient 1) that
/// makes the public inputs independent.
public struct ProvingKey: Equatable, Sendable {
    /// One non-zero entry of the A or B matrix.
    public struct Coefficient: Equatable, Hashable, Sendable {
        /// Which matrix the entry belongs to (the zkey stores only A and B).
        public enum Matrix: UInt32, Sendable {
            case a = 0
            case b = 1
        }

        public var matrix: Matrix
        /// The constraint (row), below the domain size.
        public var constraint: UInt32
        /// The wire (column), below the number of variables.
        public var signal: UInt32
        /// The coefficient itself (not the R²-scaled value the file stores).
        public var value: Fr

        public init(matrix: Matrix, constraint: UInt32, signal: UInt32, value: Fr) {
            self.matrix = matrix
            self.constraint = constraint
            self.signal = signal
            self.value = value
        }
    }

    /// Wires, including the constant wire 0.
    public var numVariables: Int
    /// Public signals (outputs then inputs), not counting the constant wire.
    public var numPublic: Int
    /// Size of the evaluation domain (a power of two).
    public var domainSize: Int
    public var alpha1: G1Affine
    public var beta1: G1Affine
    public var beta2: G2Affine
    public var gamma2: G2Affine
    public var delta1: G1Affine
    public var delta2: G2Affine
    /// numPublic + 1 points: the verifying key's public-input bases.
    public var ic: [G1Affine]
    /// The sparse A and B matrices.
    public var coefficients: [Coefficient]
    /// numVariables points each.
    public var a: [G1Affine]
    public var b1: [G1Affine]
    public var b2: [G2Affine]
    /// numVariables - numPublic - 1 points, one per private wire.
    public var c: [G1Affine]
    /// domainSize points.
    public var h: [G1Affine]

    public init(numVariables: Int, numPublic: Int, domainSize: Int,
                alpha1: G1Affine, beta1: G1Affine, beta2: G2Affine, gamma2: G2Affine,
                delta1: G1Affine, delta2: G2Affine,
                ic: [G1Affine], coefficients: [Coefficient],
                a: [G1Affine], b1: [G1Affine], b2: [G2Affine], c: [G1Affine], h: [G1Affine]) {
        self.numVariables = numVariables
        self.numPublic = numPublic
        self.domainSize = domainSize
        self.alpha1 = alpha1
        self.beta1 = beta1
        self.beta2 = beta2
        self.gamma2 = gamma2
        self.delta1 = delta1
        self.delta2 = delta2
        self.ic = ic
        self.coefficients = coefficients
        self.a = a
        self.b1 = b1
        self.b2 = b2
        self.c = c
        self.h = h
    }

    /// The verifying key that goes with this proving key.
    public var verifyingKey: VerifyingKey {
        VerifyingKey(alpha1: alpha1, beta2: beta2, gamma2: gamma2, delta2: delta2, ic: ic)
    }

    /// A description of the first inconsistency between the counts and the arrays, or nil
    /// when the key is well-formed.
    public var shapeProblem: String? {
        if numPublic < 0 || numVariables < numPublic + 1 {
            return "numVariables \(numVariables) cannot hold the constant wire and \(numPublic) public signals"
        }
        if domainSize < 1 || domainSize & (domainSize - 1) != 0 { return "domainSize \(domainSize) is not a power of two" }
        if ic.count != numPublic + 1 { return "ic has \(ic.count) points, expected \(numPublic + 1)" }
        for (name, n) in [("a", a.count), ("b1", b1.count), ("b2", b2.count)] where n != numVariables {
            return "\(name) has \(n) points, expected \(numVariables)"
        }
        if c.count != numVariables - numPublic - 1 {
            return "c has \(c.count) points, expected \(numVariables - numPublic - 1)"
        }
        if h.count != domainSize { return "h has \(h.count) points, expected \(domainSize)" }
        if let bad = coefficients.firstIndex(where: { Int($0.constraint) >= domainSize || Int($0.signal) >= numVariables }) {
            let e = coefficients[bad]
            return "coefficient \(bad) (constraint \(e.constraint), signal \(e.signal)) is outside the domain or the wires"
        }
        return nil
    }
}

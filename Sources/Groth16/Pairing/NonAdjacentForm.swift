/// The width-w non-adjacent form of a positive integer, most significant digit first: every
/// non-zero digit is odd and below 2^(w-1) in absolute value, and any w consecutive digits hold
/// at most one non-zero digit. Width 2 is the ordinary NAF (digits -1, 0, 1). The loops of the
/// pairing read these digits: 6x + 2 for the Miller loop, x for the final exponentiation.
func windowedNonAdjacentForm<T: FixedWidthInteger & UnsignedInteger>(_ value: T, width: Int) -> [Int8] {
    precondition(value > 0 && value.leadingZeroBitCount > 0, "wNAF needs a positive value with a spare top bit")
    precondition((2...7).contains(width), "wNAF width must be 2...7")
    let window = T(1) << T(width)
    var k = value
    var lsbFirst: [Int8] = []
    while k != 0 {
        var digit = 0
        if k & 1 == 1 {
            digit = Int(k & (window - 1))
            if digit >= Int(window >> 1) { digit -= Int(window) }
            k = digit > 0 ? k - T(digit) : k + T(-digit)
        }
        lsbFirst.append(Int8(digit))
        k >>= 1
    }
    return lsbFirst.reversed()
}

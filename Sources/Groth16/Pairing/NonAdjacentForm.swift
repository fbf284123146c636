/// The non-adjacent form of k (digits in {-1, 0, 1}, no two adjacent non-zero), most
/// significant first, without the leading 1: the digit sequence of a square-and-multiply loop
/// that starts from the base. Used for the loop parameters 6x + 2 and x.
func nonAdjacentFormTail<T: FixedWidthInteger & UnsignedInteger>(_ value: T) -> [Int8] {
    precondition(value > 0 && value.leadingZeroBitCount > 0, "NAF needs a positive value with a spare top bit")
    var k = value
    var lsbFirst: [Int8] = []
    while k != 0 {
        var digit: Int8 = 0
        if k & 1 == 1 {
            digit = k & 3 == 1 ? 1 : -1
            k = digit == 1 ? k - 1 : k + 1
        }
        lsbFirst.append(digit)
        k >>= 1
    }
    return Array(lsbFirst.reversed().dropFirst())
}

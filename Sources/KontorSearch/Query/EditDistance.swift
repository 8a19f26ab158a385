/// True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of two
/// neighbouring letters. `assets/search.js` (`withinOneEdit`) mirrors it.
func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    if a == b { return true }
    if abs(a.count - b.count) > 1 { return false }
    let (short, long) = a.count <= b.count ? (a, b) : (b, a)
    var index = 0
    while index < short.count && short[index] == long[index] { index += 1 }
    if short.count == long.count {
        if short[(index + 1)...].elementsEqual(long[(index + 1)...]) { return true }
        return index + 1 < short.count && short[index] == long[index + 1] && short[index + 1] == long[index]
            && short[(index + 2)...].elementsEqual(long[(index + 2)...])
    }
    return short[index...].elementsEqual(long[(index + 1)...])
}

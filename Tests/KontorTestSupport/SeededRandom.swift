/// SplitMix64: tiny, fast and the same on every platform and Swift version (unlike the standard
/// library's `random(in:using:)`, whose algorithm is not specified), so a generated test case
/// reproduces from its seed. Shared by the test targets that generate their input.
public struct SeededRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< bound; the modulo bias is irrelevant for the small bounds tests use.
    public mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    public mutating func chance(percent: Int) -> Bool {
        next(below: 100) < percent
    }

    public mutating func pick<Element>(_ items: [Element]) -> Element {
        items[next(below: items.count)]
    }
}

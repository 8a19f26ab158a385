import Testing
import KontorText

/// Text read back from a cache is kept as bytes; everything that reads it must see the same
/// text as from the `String` it was written from.
@Suite struct UTF8TextTests {
    static let samples = ["", "a", "Abonnementverwaltung", "Größe: 1.234,56 ¥ — „zzgl. MwSt.“", "😀 Emoji\u{0} und NUL", String(repeating: "ä", count: 1_000)]

    @Test(arguments: samples)
    func bytesAndStringAgree(_ sample: String) {
        let fromString = UTF8Text(sample)
        let fromBytes = UTF8Text(utf8: Array(sample.utf8))
        #expect(fromBytes.string == sample)
        #expect(fromString.string == sample)
        #expect(fromBytes.utf8Count == sample.utf8.count)
        #expect(fromString.utf8Count == sample.utf8.count)
        #expect(fromBytes.isEmpty == sample.isEmpty)
        #expect(fromBytes.withUTF8 { Array($0) } == Array(sample.utf8))
        #expect(fromString.withUTF8 { Array($0) } == Array(sample.utf8))
        #expect(fromBytes == fromString)
        #expect(fromBytes.hashValue == fromString.hashValue)
    }

    @Test func differentTextsDiffer() {
        let texts = Self.samples.map { UTF8Text(utf8: Array($0.utf8)) }
        #expect(Set(texts).count == Self.samples.count)
        #expect(UTF8Text(utf8: Array("Rechnung".utf8)) != UTF8Text("Rechnungen"))
    }

    /// A damaged cache file must not crash anything: the bytes are kept as they are and the
    /// `String` is repaired as `String(decoding:as:)` repairs.
    @Test func damagedBytesAreRepairedWhenDecoded() {
        let damaged: [UInt8] = [0x41, 0xC3, 0x28, 0xFF, 0x42]
        let text = UTF8Text(utf8: damaged)
        #expect(text.utf8Count == damaged.count)
        #expect(text.string == String(decoding: damaged, as: UTF8.self))
        #expect(text.withUTF8 { Array($0) } == damaged)
    }

    /// Owns a buffer, like a mapped cache file, and frees it when the last text lets go.
    private final class Owner {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        init(_ text: String) {
            buffer = .allocate(capacity: text.utf8.count)
            _ = buffer.initialize(from: text.utf8)
        }
        deinit { buffer.deallocate() }
    }

    /// A borrowed text keeps its owner alive: the bytes are still there after every other
    /// reference to the owner is gone.
    @Test func aBorrowedTextKeepsItsOwnerAlive() {
        weak var released: Owner?
        let text: UTF8Text = {
            let owner = Owner("vorher|Rechnungsadresse|nachher")
            released = owner
            return UTF8Text(borrowing: UnsafeBufferPointer(rebasing: owner.buffer[7..<23]), keptAliveBy: owner)
        }()
        #expect(released != nil)
        #expect(text.string == "Rechnungsadresse")
        #expect(text == UTF8Text("Rechnungsadresse"))
        #expect(text.utf8Count == 16)
        var copy = text
        copy = UTF8Text("anders")
        #expect(copy.string == "anders" && text.string == "Rechnungsadresse")
    }

    @Test func aSliceOfALargerBufferIsCopied() {
        var buffer = Array("vorher|Abrechnung|nachher".utf8)
        let text = UTF8Text(utf8: buffer[7..<17])
        buffer.replaceSubrange(7..<17, with: Array("XXXXXXXXXX".utf8))
        #expect(text.string == "Abrechnung")
    }
}

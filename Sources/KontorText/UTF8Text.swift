/// Text kept as UTF-8 bytes until someone asks for a `String`.
///
/// Building a `String` from bytes validates them, and a rebuild read every cached page's HTML
/// and search text back from the caches: at 10,000 guides that validation was a tenth of the
/// rebuild's CPU, for text that an unchanged page only hashes. Text read back from a cache is
/// held as its bytes; hashing, analysing and copying it into output work on those bytes, and
/// only a page that is rendered again decodes it.
///
/// Two texts are equal when their bytes are, whichever way they are stored.
public struct UTF8Text: @unchecked Sendable {
    private enum Storage {
        case string(String)
        case bytes([UInt8])
        /// Bytes owned by `owner` (a mapped cache file), which keeps them alive and unchanged.
        case borrowed(UnsafeBufferPointer<UInt8>, owner: AnyObject)
    }

    private var storage: Storage

    public init(_ string: String) {
        storage = .string(string)
    }

    /// UTF-8 that Kontor made itself (cmark's HTML, a sidebar, a cache file), copied (an array
    /// is shared, not copied). Should it be damaged, `string` repairs it as
    /// `String(decoding:as:)` does; nothing here relies on validity.
    public init(utf8 bytes: some Collection<UInt8>) {
        storage = .bytes(Array(bytes))
    }

    /// Bytes that stay valid and unchanged as long as `owner` lives (a read-only mapping of a
    /// cache file that is only ever replaced, never changed in place): nothing is copied.
    /// Copying every cached page's text into fresh memory cost a rebuild more than reading it.
    /// `owner` must be safe to share between threads.
    public init(borrowing bytes: UnsafeBufferPointer<UInt8>, keptAliveBy owner: AnyObject) {
        storage = .borrowed(bytes, owner: owner)
    }

    /// The text as a `String`: decoded from the bytes on every call when it was read as bytes.
    public var string: String {
        switch storage {
        case .string(let string): string
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .borrowed(let bytes, let owner): withExtendedLifetime(owner) { String(decoding: bytes, as: UTF8.self) }
        }
    }

    public var utf8Count: Int {
        switch storage {
        case .string(let string): string.utf8.count
        case .bytes(let bytes): bytes.count
        case .borrowed(let bytes, _): bytes.count
        }
    }

    public var isEmpty: Bool { utf8Count == 0 }

    /// Calls `body` with the text's UTF-8 bytes, without copying them.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch storage {
        case .string(var string):
            return try string.withUTF8(body)
        case .bytes(let bytes):
            return try bytes.withUnsafeBufferPointer(body)
        case .borrowed(let bytes, let owner):
            return try withExtendedLifetime(owner) { try body(bytes) }
        }
    }
}

extension UTF8Text: Hashable {
    public static func == (left: UTF8Text, right: UTF8Text) -> Bool {
        left.withUTF8 { leftBytes in right.withUTF8 { leftBytes.elementsEqual($0) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension UTF8Text: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, CustomStringConvertible {
    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String { string }
}

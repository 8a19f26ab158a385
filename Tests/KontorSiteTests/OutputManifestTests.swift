import Foundation
import Testing
@testable import KontorSite

/// The manifest reader reads back exactly what the writer wrote, and skips what it did not.
@Suite struct OutputManifestTests {
    private func roundTrip(_ entries: [ManifestEntry]) throws -> [String: ManifestEntry] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(Data(OutputManifest.json(entries)), to: OutputManifest.path)
        return OutputManifest.read(folder.url.appendingPathComponent(OutputManifest.path))
    }

    @Test func everyEntryComesBackWithItsFields() throws {
        let entries = [
            ManifestEntry(path: "hilfe/übersicht.html", hash: 0x0123_4567_89AB_CDEF, size: 0, inputs: nil),
            ManifestEntry(path: "katalog/angebot/a.html", hash: 1, size: 123_456_789, inputs: UInt64.max),
            ManifestEntry(path: "seltsam/\"zitat\" \\ zeile\nneu\u{01}.html", hash: UInt64.max, size: 7, inputs: 0),
        ]
        let read = try roundTrip(entries)
        #expect(read.count == entries.count)
        for entry in entries { #expect(read[entry.path] == entry) }
    }

    @Test func writesOneSortedLinePerFileWithEscapedPaths() {
        let entries = [
            ManifestEntry(path: "z/\"zitat\" \\ zeile\nneu\u{01}.html", hash: 0xABC, size: 7, inputs: 0),
            ManifestEntry(path: "hilfe/übersicht.html", hash: 0x0123_4567_89AB_CDEF, size: 0, inputs: nil),
        ]
        let expected = """
        {
          "generator": "kontor",
          "files": [
            {"path": "hilfe/übersicht.html", "size": 0, "hash": "0123456789abcdef"},
            {"path": "z/\\"zitat\\" \\\\ zeile\\nneu\\u0001.html", "size": 7, "hash": "0000000000000abc", "inputs": "0000000000000000"}
          ]
        }

        """
        #expect(String(decoding: OutputManifest.json(entries), as: UTF8.self) == expected)
        #expect(String(decoding: OutputManifest.json([]), as: UTF8.self) == "{\n  \"generator\": \"kontor\",\n  \"files\": [\n\n  ]\n}\n")
    }

    @Test func linesOfAnotherShapeAreSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("""
        {
          "generator": "kontor",
          "files": [
            {"path": "gut.html", "size": 3, "hash": "00000000000000ff"},
            {"path": "kurz.html", "size": 3, "hash": "ff"},
            {"path": "zahl.html", "size": x, "hash": "00000000000000ff"},
            {"size": 3, "path": "vertauscht.html", "hash": "00000000000000ff"},
            {"path": "rest.html", "size": 3, "hash": "00000000000000ff"} extra,
            {"path": "offen.html
          ]
        }

        """, to: OutputManifest.path)
        let read = OutputManifest.read(folder.url.appendingPathComponent(OutputManifest.path))
        #expect(Array(read.keys) == ["gut.html"])
        #expect(read["gut.html"]?.hash == 0xFF && read["gut.html"]?.size == 3 && read["gut.html"]?.inputs == nil)
        #expect(OutputManifest.read(folder.url.appendingPathComponent("fehlt.json")).isEmpty)
    }
}

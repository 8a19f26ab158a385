import Foundation
import Testing
@testable import KontorParallel

@Suite struct HugePagesTests {
    @Test func arraysOnHugePagesHoldTheirValues() {
        let count = HugePages.minimumBytes / 4 + 123
        let values = [Int32](onHugePages: -7, count: count)
        #expect(values.count == count)
        #expect(values.allSatisfy { $0 == -7 })
        #expect([UInt8](onHugePages: 1, count: 0).isEmpty)

        var reserved: [UInt64] = [1, 2]
        reserved.reserveCapacityOnHugePages(HugePages.minimumBytes / 8 + 5)
        #expect(reserved == [1, 2])
        #expect(reserved.capacity >= HugePages.minimumBytes / 8 + 5)
    }

    /// The kernel marks a region advised for huge pages with "hg" in its `VmFlags`.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")))
    func largeBuffersAreAdvised() throws {
        let values = [UInt8](onHugePages: 0, count: 8 << 20)
        let flags = try values.withUnsafeBufferPointer { buffer in
            try Self.vmFlags(containing: UInt(bitPattern: buffer.baseAddress! + (4 << 20)))
        }
        #expect(flags.contains("hg"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")))
    func smallBuffersAreLeftAlone() throws {
        let values = [UInt8](onHugePages: 0, count: HugePages.minimumBytes - 1)
        let flags = try values.withUnsafeBufferPointer { buffer in
            try Self.vmFlags(containing: UInt(bitPattern: buffer.baseAddress!))
        }
        #expect(!flags.isEmpty && !flags.contains("hg"))
    }

    /// The `VmFlags` of the mapping of this process that contains `address` (see proc(5)).
    private static func vmFlags(containing address: UInt) throws -> [Substring] {
        // Read to the end: proc files report no size, and a sized read stops after a page.
        let data = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/smaps")).readToEnd() ?? Data()
        let smaps = String(decoding: data, as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
                inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
            } else if inside, fields.first == "VmFlags:" {
                return Array(fields.dropFirst())
            }
        }
        return []
    }
}

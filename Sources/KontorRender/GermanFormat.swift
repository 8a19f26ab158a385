/// German text for values shown on pages, computed without Foundation locales so that output is
/// the same on every machine.
public enum GermanFormat {
    static let monthNames = [
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ]

    /// `2026-11-20` → `20. November 2026`. A time after the date (`2026-11-20T10:00:00Z`) is ignored.
    /// Returns nil for anything that is not a real calendar date.
    public static func date(isoDate: String) -> String? {
        let bytes = Array(isoDate.utf8)
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        if bytes.count > 10, bytes[10] != UInt8(ascii: "T"), bytes[10] != UInt8(ascii: " ") { return nil }
        guard let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]) else {
            return nil
        }
        return format(year: year, month: month, day: day)
    }

    /// Front matter dates as DocFX writes them (`ms.date: 11/20/2026`, month first) or ISO dates.
    public static func date(frontMatterDate text: String) -> String? {
        if let iso = date(isoDate: text) { return iso }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].utf8.count == 4,
              (1...2).contains(parts[0].utf8.count), (1...2).contains(parts[1].utf8.count),
              let month = number(parts[0].utf8[...]), let day = number(parts[1].utf8[...]),
              let year = number(parts[2].utf8[...])
        else { return nil }
        return format(year: year, month: month, day: day)
    }

    /// `20. November 2026`, or nil if the day does not exist in that month.
    public static func format(year: Int, month: Int, day: Int) -> String? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return "\(day). \(monthNames[month - 1]) \(year)"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func number<Bytes: Collection>(_ digits: Bytes) -> Int? where Bytes.Element == UInt8 {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

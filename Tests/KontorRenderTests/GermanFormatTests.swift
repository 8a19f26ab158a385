import Testing
import KontorRender

@Suite struct GermanFormatTests {
    @Test func isoDates() {
        #expect(GermanFormat.date(isoDate: "2026-11-20") == "20. November 2026")
        #expect(GermanFormat.date(isoDate: "2024-03-01") == "1. März 2024")
        #expect(GermanFormat.date(isoDate: "2024-02-29") == "29. Februar 2024")
        #expect(GermanFormat.date(isoDate: "2026-01-05T08:30:00Z") == "5. Januar 2026")
    }

    @Test func rejectsWhatIsNotADate() {
        #expect(GermanFormat.date(isoDate: "2023-02-29") == nil)
        #expect(GermanFormat.date(isoDate: "1900-02-29") == nil)
        #expect(GermanFormat.date(isoDate: "2026-13-01") == nil)
        #expect(GermanFormat.date(isoDate: "2026-04-31") == nil)
        #expect(GermanFormat.date(isoDate: "2026-4-3") == nil)
        #expect(GermanFormat.date(isoDate: "20261120") == nil)
        #expect(GermanFormat.date(isoDate: "2026-11-20x") == nil)
        #expect(GermanFormat.date(isoDate: "") == nil)
    }

    @Test func docFXDates() {
        #expect(GermanFormat.date(frontMatterDate: "11/20/2026") == "20. November 2026")
        #expect(GermanFormat.date(frontMatterDate: "3/1/2024") == "1. März 2024")
        #expect(GermanFormat.date(frontMatterDate: "2026-12-24") == "24. Dezember 2026")
        #expect(GermanFormat.date(frontMatterDate: "20/11/2026") == nil)
        #expect(GermanFormat.date(frontMatterDate: "11/20/26") == nil)
    }
}

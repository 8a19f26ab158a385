import Testing
import KontorSite

/// The server refuses malformed escapes; the link checker keeps them and goes on.
@Suite struct PercentDecodingTests {
    @Test func decodesEscapesAsUTF8() {
        #expect(PercentDecoding.strict("%C3%A4rger%20und%2fmehr") == "ärger und/mehr")
        #expect(PercentDecoding.lenient("%C3%A4rger%20und%2Fmehr") == "ärger und/mehr")
        #expect(PercentDecoding.strict("ohne-escape") == "ohne-escape")
    }

    @Test(arguments: ["%", "%2", "%zz", "a%2", "%C3", "%FF%FE", "x%g1"])
    func strictRefusesMalformedInput(_ text: String) {
        #expect(PercentDecoding.strict(Substring(text)) == nil)
    }

    @Test func lenientKeepsMalformedEscapesAsWritten() {
        #expect(PercentDecoding.lenient("100%") == "100%")
        #expect(PercentDecoding.lenient("%zz%41") == "%zzA")
        #expect(PercentDecoding.lenient("a%2") == "a%2")
        #expect(PercentDecoding.lenient("%41%") == "A%")
        #expect(PercentDecoding.lenient("%C3") == "\u{FFFD}")
    }
}

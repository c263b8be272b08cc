import Testing
@testable import TerminalUI

@Suite struct TextWidthFitTests {
    @Test func truncatesByCellsWithoutSplittingWideCharacters() {
        #expect(TextWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(TextWidth.truncate("abc", to: 3) == "abc")
        #expect(TextWidth.truncate("東京都", to: 4) == "東…")
        #expect(TextWidth.cells(TextWidth.truncate("東京都庁", to: 5)) <= 5)
        #expect(TextWidth.truncate("x", to: 0) == "")
    }

    @Test func padsToWidth() {
        #expect(TextWidth.pad("東", to: 4) == "東  ")
        #expect(TextWidth.pad("abcd", to: 2) == "abcd")
    }
}

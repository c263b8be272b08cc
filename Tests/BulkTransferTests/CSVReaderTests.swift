@testable import BulkTransfer
import Foundation
import Testing

/// Writes `bytes` to a temporary file and reads every record back.
func records(_ bytes: [UInt8]) throws(BulkFileError) -> [CSVRecord] {
    let path = temporaryFile(bytes)
    defer { unlink(path) }
    let reader = try CSVReader(path: path)
    var out: [CSVRecord] = []
    while let record = try reader.next() { out.append(record) }
    return out
}

func records(_ text: String) throws(BulkFileError) -> [CSVRecord] { try records(Array(text.utf8)) }

func temporaryFile(_ bytes: [UInt8], suffix: String = ".csv") -> String {
    let path = NSTemporaryDirectory() + "bulk-\(UUID().uuidString)\(suffix)"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    return path
}

func temporaryFile(_ text: String, suffix: String = ".csv") -> String { temporaryFile(Array(text.utf8), suffix: suffix) }

@Suite struct CSVReaderTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let found = try records("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n")
        #expect(found.map(\.fields) == [["a", "b", "c"], ["x,1", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        // The line a record starts on counts the line break inside the quoted field.
        #expect(found.map(\.line) == [1, 2, 4])
    }

    @Test func crlfBomAndBlankLines() throws {
        let found = try records([0xEF, 0xBB, 0xBF] + Array("id,name\r\n\r\n1,\"a\r\nb\"\r\n2,c".utf8))
        #expect(found.map(\.fields) == [["id", "name"], ["1", "a\r\nb"], ["2", "c"]])
        #expect(found.map(\.line) == [1, 3, 5])
    }

    @Test func anUnterminatedQuoteNamesTheLineItOpensOn() {
        #expect(throws: BulkFileError(line: 3, "a quoted field that starts here is never closed (a \" is missing)")) {
            try records("a,b\n1,2\n3,\"open\nmore\nand more\n")
        }
    }

    @Test func textThatIsNotUTF8NamesItsLineAndSaysHowToConvert() {
        do {
            _ = try records(Array("a,b\n1,2\n3,\"ok\nthen ".utf8) + [0xE9] + Array("\"\n".utf8))
            Issue.record("a Latin-1 byte was read as text")
        } catch {
            #expect(error.line == 4)
            #expect(error.message.contains("not UTF-8"))
            #expect(error.message.contains("iconv"))
        }
    }

    @Test func aFieldOverOneMebibyteIsRefused() {
        let big = String(repeating: "x", count: CSVReader.maxFieldBytes + 1)
        #expect(throws: BulkFileError.self) { try records("a\n\(big)\n") }
        let fits = String(repeating: "y", count: CSVReader.maxFieldBytes)
        #expect((try? records("a\n\"\(fits)\"\n"))?.last?.fields == [fits])
    }

    @Test func textAfterAClosingQuoteIsAnError() {
        #expect(throws: BulkFileError.self) { try records("a,b\n\"x\"y,2\n") }
    }

    @Test func fieldsAcrossChunkBoundariesReadWhole() throws {
        // Records larger than one read chunk, and quotes that fall on a chunk's last byte.
        var text = "id,note\n"
        var expected: [[String]] = [["id", "note"]]
        for index in 0..<40 {
            let note = String(repeating: "n\"o,te ", count: 4_000 + index * 7)
            text += "\(index),\"\(note.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            expected.append([String(index), note])
        }
        #expect(try records(text).map(\.fields) == expected)
    }
}

@Suite struct BulkColumnsTests {
    @Test func flexPricesImportHeaderIsReadInAnyOrder() throws {
        let header = ["name", "address_country", "external_id", "email", "address_line1", "address_line2", "address_city",
                      "address_state", "address_postal_code", "metadata.tier"]
        let columns = try BulkColumns(header: header, line: 1)
        let row = try columns.row(CSVRecord(fields: ["Acme", "DE", "acme-1", "", "", "", "", "", "", "gold"], line: 2))
        #expect(row.externalID == "acme-1")
        #expect(row.texts.name == "Acme")
        #expect(row.texts.email == nil, "an empty cell leaves the field alone")
        #expect(row.metadata == ["tier": "gold"])
    }

    @Test func headerProblemsAreNamed() {
        #expect(throws: BulkFileError.self) { try BulkColumns(header: ["external_id", "nmae"], line: 1) }
        do {
            _ = try BulkColumns(header: ["external_id", "nmae"], line: 1)
        } catch {
            #expect(error.message.contains("unknown column “nmae”"))
        }
        #expect(throws: BulkFileError(line: 1, "the column “name” is there twice (columns 2 and 3)")) {
            try BulkColumns(header: ["external_id", "name", "name"], line: 1)
        }
        #expect(throws: BulkFileError(line: 1, "the header has no external_id column: rows are matched by external id")) {
            try BulkColumns(header: ["name", "email"], line: 1)
        }
    }

    @Test func aRowWithMoreFieldsThanTheHeaderIsAnError() throws {
        let columns = try BulkColumns(header: ["external_id", "name"], line: 1)
        #expect(throws: BulkFileError.self) { try columns.row(CSVRecord(fields: ["a", "b", "c"], line: 7)) }
    }

    @Test func theReportsOwnColumnsAreReadPast() throws {
        let columns = try BulkColumns(header: BulkColumns.reportColumns + ["external_id", "name"], line: 1)
        let row = try columns.row(CSVRecord(fields: ["2", "failed", "email", "Email: …", "x-1", "X"], line: 2))
        #expect(row.externalID == "x-1")
        #expect(columns.dataPositions == [4, 5])
    }
}

@Suite struct CSVWriterTests {
    private func written(_ rows: [[String]], guardFormulas: Bool) -> String {
        var pipe: [Int32] = [0, 0]
        _ = pipe.withUnsafeMutableBufferPointer { Foundation.pipe($0.baseAddress!) }
        let writer = CSVWriter(fileDescriptor: pipe[1], guardFormulas: guardFormulas)
        for row in rows { writer.write(row) }
        writer.flush()
        close(pipe[1])
        let data = FileHandle(fileDescriptor: pipe[0], closeOnDealloc: true).readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func quotesOnlyWhatNeedsIt() {
        #expect(written([["a", "b,c", "say \"x\"", "two\nlines", " padded "]], guardFormulas: false)
                == "a,\"b,c\",\"say \"\"x\"\"\",\"two\nlines\",\" padded \"\n")
    }

    @Test func formulasAreMarkedAndUnmarkedExactly() throws {
        let hostile = ["=SUM(A1)", "+1", "-2", "@cmd", "\tTab", "'=already", "''=twice", "'plain", "ok"]
        let text = written([hostile], guardFormulas: true)
        #expect(text == "'=SUM(A1),'+1,'-2,'@cmd,'\tTab,''=already,'''=twice,'plain,ok\n")
        let read = try records(text)[0].fields.map(CSVWriter.unguarded)
        #expect(read == hostile)
    }
}

import CNcursesw  // constants only (KEY_* codes); no ncurses calls here

/// Curses key codes and xterm escape sequences mapped to `Key`. Pure data and functions, used
/// by `KeyDecoder`; both paths exist because ncurses only decodes what the terminfo entry
/// lists (vt100 has no Home/End/Delete), so unknown sequences arrive as plain characters.
enum KeyCodeTable {
    /// Codes `CursesTerminal` binds to ESC[200~ and ESC[201~ with `define_key`.
    static let pasteBegin: Int32 = 0x6000  // far above KEY_MAX, where ncurses numbers extended keys
    static let pasteEnd: Int32 = 0x6001

    static func key(forCode code: Int32, name: String?) -> Key? {
        switch code {
        case Int32(KEY_UP): return .up
        case Int32(KEY_DOWN): return .down
        case Int32(KEY_LEFT): return .left
        case Int32(KEY_RIGHT): return .right
        case Int32(KEY_HOME), Int32(KEY_A1), Int32(KEY_SHOME): return .home
        case Int32(KEY_END), Int32(KEY_C1), Int32(KEY_SEND), Int32(KEY_LL): return .end
        case Int32(KEY_PPAGE), Int32(KEY_A3): return .pageUp
        case Int32(KEY_NPAGE), Int32(KEY_C3): return .pageDown
        case Int32(KEY_DC), Int32(KEY_SDC): return .delete
        case Int32(KEY_IC): return .insert
        case Int32(KEY_BACKSPACE): return .backspace
        case Int32(KEY_ENTER): return .enter
        case Int32(KEY_BTAB): return .backTab
        case Int32(KEY_SLEFT): return .left
        case Int32(KEY_SRIGHT): return .right
        case Int32(KEY_SR): return .up
        case Int32(KEY_SF): return .down
        case Int32(KEY_F0) + 1...Int32(KEY_F0) + 12: return .function(Int(code - Int32(KEY_F0)))
        case Int32(KEY_F0) + 13...Int32(KEY_F0) + 24: return .function(Int(code - Int32(KEY_F0) - 12))  // Shift-Fn
        default: return name.flatMap(key(forExtendedName:))
        }
    }

    /// Extended terminfo names such as "kLFT5" (Ctrl-Left): the base key, with Ctrl/Alt plus
    /// Left/Right turned into word moves (Alt-B/Alt-F) as in most terminal programs.
    static func key(forExtendedName name: String) -> Key? {
        let bases: [(String, Key)] = [("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right),
                                      ("kHOM", .home), ("kEND", .end), ("kDC", .delete), ("kIC", .insert),
                                      ("kPRV", .pageUp), ("kNXT", .pageDown)]
        for (prefix, key) in bases where name.hasPrefix(prefix) {
            let modifier = Int(name.dropFirst(prefix.count)) ?? 1
            return withModifier(key, modifier: modifier)
        }
        return nil
    }

    /// xterm modifier parameter: 1 none, 2 Shift, 3 Alt, 5 Ctrl (bit flags plus one).
    static func withModifier(_ key: Key, modifier: Int) -> Key {
        let altOrCtrl = modifier > 1 && ((modifier - 1) & 0b110) != 0
        switch (key, altOrCtrl) {
        case (.left, true): return .alt("b")
        case (.right, true): return .alt("f")
        default: return key
        }
    }

    enum SequenceResult: Equatable {
        case key(Key)
        case pasteBegin
        case pasteEnd
        case ignored
    }

    /// A complete CSI sequence ESC [ params final.
    static func csi(params: String, final: Character) -> SequenceResult {
        let numbers = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 } ?? 1
        let modifier = numbers.count > 1 ? (numbers[1] ?? 1) : 1
        let key: Key?
        switch final {
        case "A": key = .up
        case "B": key = .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "Z": key = .backTab
        case "P", "Q", "R", "S": key = .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
        case "~":
            switch first {
            case 200: return .pasteBegin
            case 201: return .pasteEnd
            case 1, 7: key = .home
            case 2: key = .insert
            case 3: key = .delete
            case 4, 8: key = .end
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function(first - 10)
            case 17...21: key = .function(first - 11)
            case 23, 24: key = .function(first - 12)
            default: key = nil
            }
        default: key = nil
        }
        return key.map { .key(withModifier($0, modifier: modifier)) } ?? .ignored
    }

    /// A complete SS3 sequence ESC O final (application cursor and keypad keys).
    static func ss3(final: Character) -> Key? {
        switch final {
        case "A": .up
        case "B": .down
        case "C": .right
        case "D": .left
        case "H": .home
        case "F": .end
        case "M": .enter
        case "P": .function(1)
        case "Q": .function(2)
        case "R": .function(3)
        case "S": .function(4)
        default: nil
        }
    }

    /// A control character typed on its own (not after ESC).
    static func key(forControl value: UInt32) -> Key? {
        switch value {
        case 9: .tab
        case 10, 13: .enter
        case 8, 127: .backspace
        case 27: .escape
        case 0: .control("@")
        case 1...26: .control(Character(Unicode.Scalar(value + 0x60)!))
        case 28...31: .control(Character(Unicode.Scalar(value + 0x40)!))
        default: nil  // C1 controls: never produced by a keyboard, dropped
        }
    }
}

extension KeyCodeTable {
    static let enterCode = Int32(KEY_ENTER)
}

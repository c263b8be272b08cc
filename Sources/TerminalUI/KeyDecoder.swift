/// Turns raw reads (`RawInput`) into `Key`s. Pure state machine, no terminal calls.
///
/// Some decisions need to know whether more input is already waiting:
/// - ESC followed by a character already in the buffer is Alt-char; ESC alone is Escape;
/// - a typed code point followed by a combining one (IME, compose, emoji picker) is one grapheme;
/// - an escape sequence ncurses did not recognise arrives character by character.
/// When `needsLookahead` is true the driver reads again with a zero timeout and feeds the result
/// (`.nothing` if nothing was waiting). Bracketed paste bodies are collected whole into one
/// `.paste`, whether the markers arrive as key codes (`define_key`) or as raw characters.
public struct KeyDecoder: Sendable {
    /// Pastes longer than this (in code points) are truncated: an operator form never needs more
    /// and a runaway paste must not eat memory.
    public static let maxPasteLength = 1 << 20

    private enum State: Sendable, Equatable {
        case idle
        case escape
        case csi(String)
        case ss3
        case paste(String, count: Int)
    }

    private var state: State = .idle
    private var pendingCharacter: String?

    public init() {}

    /// True when the next read should not wait: an ESC, a partial sequence or a character that
    /// may still combine is pending.
    public var needsLookahead: Bool {
        switch state {
        case .escape, .csi, .ss3: return true
        case .paste: return false
        case .idle: return pendingCharacter != nil
        }
    }

    /// True while between ESC[200~ and ESC[201~.
    public var isCollectingPaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Feeds one read; returns the keys it completes (often none or one).
    public mutating func feed(_ input: RawInput) -> [Key] {
        switch state {
        case .paste(let body, let count): return feedPaste(input, body: body, count: count)
        case .escape: return feedAfterEscape(input)
        case .csi(let params): return feedCSI(input, params: params)
        case .ss3: return feedSS3(input)
        case .idle: return feedIdle(input)
        }
    }

    /// Ends an unterminated paste (its end marker never came) and returns what was collected.
    public mutating func finishPaste() -> Key? {
        guard case .paste(let body, _) = state else { return nil }
        state = .idle
        return .paste(body)
    }

    // MARK: - States

    private mutating func feedIdle(_ input: RawInput) -> [Key] {
        switch input {
        case .nothing:
            return takePendingCharacter()
        case .keyCode(let code, let name):
            var keys = takePendingCharacter()
            if code == KeyCodeTable.pasteBegin {
                state = .paste("", count: 0)
            } else if let key = KeyCodeTable.key(forCode: code, name: name) {
                keys.append(key)
            }
            return keys
        case .character(let value):
            guard let scalar = Unicode.Scalar(value) else { return takePendingCharacter() }
            if value < 0x20 || (0x7F...0x9F).contains(value) {
                var keys = takePendingCharacter()
                if value == 27 {
                    state = .escape
                } else if let key = KeyCodeTable.key(forControl: value) {
                    keys.append(key)
                }
                return keys
            }
            return appendToPendingCharacter(scalar)
        }
    }

    private mutating func feedAfterEscape(_ input: RawInput) -> [Key] {
        state = .idle
        switch input {
        case .nothing:
            return [.escape]
        case .keyCode:
            return [.escape] + feedIdle(input)
        case .character(let value):
            switch value {
            case 27:
                state = .escape  // ESC ESC: the first is a plain Escape
                return [.escape]
            case 0x5B:  // "["
                state = .csi("")
                return []
            case 0x4F:  // "O"
                state = .ss3
                return []
            case 0x20..<0x7F, 0xA0...:
                guard let scalar = Unicode.Scalar(value) else { return [.escape] }
                return [.alt(Character(scalar))]
            default:
                return [.escape] + feedIdle(input)
            }
        }
    }

    private mutating func feedCSI(_ input: RawInput, params: String) -> [Key] {
        guard case .character(let value) = input else {
            state = .idle
            // A lone "ESC [" with nothing after it is Alt-[; a cut-off sequence is dropped.
            let keys: [Key] = params.isEmpty && input == .nothing ? [.alt("[")] : []
            return input == .nothing ? keys : keys + feedIdle(input)
        }
        switch value {
        case 0x20...0x3F where params.utf8.count < 32:
            state = .csi(params + String(Character(Unicode.Scalar(value)!)))
            return []
        case 0x40...0x7E:
            state = .idle
            switch KeyCodeTable.csi(params: params, final: Character(Unicode.Scalar(value)!)) {
            case .key(let key): return [key]
            case .pasteBegin: state = .paste("", count: 0); return []
            case .pasteEnd, .ignored: return []
            }
        default:
            state = .idle  // malformed: drop the sequence rather than type its bytes into a field
            return []
        }
    }

    private mutating func feedSS3(_ input: RawInput) -> [Key] {
        state = .idle
        guard case .character(let value) = input else {
            return input == .nothing ? [.alt("O")] : feedIdle(input)
        }
        guard let scalar = Unicode.Scalar(value), let key = KeyCodeTable.ss3(final: Character(scalar)) else {
            return []
        }
        return [key]
    }

    private mutating func feedPaste(_ input: RawInput, body: String, count: Int) -> [Key] {
        var body = body
        switch input {
        case .nothing:
            return []
        case .keyCode(let code, _):
            if code == KeyCodeTable.pasteEnd {
                state = .idle
                return [.paste(body)]
            }
            // ncurses may turn pasted bytes into keys (e.g. CR with some terminfo entries).
            if code == Int32(KeyCodeTable.enterCode) && count < Self.maxPasteLength { body.append("\n") }
            state = .paste(body, count: count + 1)
            return []
        case .character(let value):
            guard let scalar = Unicode.Scalar(value) else { return [] }
            if count < Self.maxPasteLength { body.unicodeScalars.append(scalar) }
            let marker = "\u{1b}[201~"
            if value == 0x7E && body.unicodeScalars.count >= 6 && body.hasSuffix(marker) {
                body.unicodeScalars.removeLast(6)
                state = .idle
                return [.paste(body)]
            }
            state = .paste(body, count: count + 1)
            return []
        }
    }

    // MARK: - Grapheme assembly

    private mutating func appendToPendingCharacter(_ scalar: Unicode.Scalar) -> [Key] {
        guard var pending = pendingCharacter else {
            pendingCharacter = String(scalar)
            return []
        }
        pending.unicodeScalars.append(scalar)
        if pending.count == 1 {
            pendingCharacter = pending
            return []
        }
        let keys = takePendingCharacter()
        pendingCharacter = String(scalar)
        return keys
    }

    private mutating func takePendingCharacter() -> [Key] {
        guard let pending = pendingCharacter, let character = pending.first else { return [] }
        pendingCharacter = nil
        return [.character(character)]
    }
}

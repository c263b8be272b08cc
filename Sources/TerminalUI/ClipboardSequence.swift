/// The bytes that put text on the operator's own clipboard from a program on a remote host:
/// OSC 52 (`ESC ] 52 ; c ; base64 BEL`), which the terminal emulator on the operator's desk
/// carries out, however many SSH hops away the console runs. Inside tmux or GNU screen the
/// sequence is also wrapped in the multiplexer's pass-through (DCS) so that it reaches the
/// terminal outside it: tmux forwards a bare OSC 52 only with `set-clipboard on` and a wrapped
/// one only with `allow-passthrough on`, so both are sent; screen needs the wrapped one.
public enum ClipboardSequence {
    /// `text` is an id or an external id (at most 255 bytes), far below what terminals accept.
    public static func bytes(for text: String, environment: [String: String]) -> [UInt8] {
        let osc = Array("\u{1B}]52;c;\(base64(Array(text.utf8)))\u{07}".utf8)
        let inTmux = !(environment["TMUX"] ?? "").isEmpty
        let inScreen = !inTmux && (!(environment["STY"] ?? "").isEmpty || (environment["TERM"] ?? "").hasPrefix("screen"))
        if inTmux {
            // Inside tmux's pass-through every ESC of the wrapped sequence is doubled.
            let escaped = osc.flatMap { $0 == 0x1B ? [0x1B, 0x1B] : [$0] }
            return osc + Array("\u{1B}Ptmux;".utf8) + escaped + Array("\u{1B}\\".utf8)
        }
        if inScreen { return Array("\u{1B}P".utf8) + osc + Array("\u{1B}\\".utf8) }
        return osc
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// RFC 4648 base64 (TerminalUI has no Foundation).
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(position)) & 0x3F)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

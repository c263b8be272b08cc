/// One read from the terminal, as `wget_wch` delivers it, before it becomes a `Key`.
/// Keeping this separate from ncurses lets `KeyDecoder` be tested without a terminal.
public enum RawInput: Equatable, Sendable {
    /// A wide character (`wget_wch` returned OK).
    case character(UInt32)
    /// A curses key code (`wget_wch` returned KEY_CODE_YES); `name` is `keyname(code)`, which is
    /// how extended keys such as Ctrl-Left ("kLFT5") are told apart.
    case keyCode(Int32, name: String?)
    /// Nothing was waiting (the zero-timeout lookahead read returned ERR).
    case nothing

    public static func keyCode(_ code: Int32) -> RawInput { .keyCode(code, name: nil) }
}

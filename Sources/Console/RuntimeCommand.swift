import CustomerKit

/// What `ConsoleApp` asks its runtime to do: the one way the pure core reaches the world.
/// The runtime (`ConsoleRunner`, or a test's) carries these out and feeds backend results back
/// through `receive(_:for:)`; nothing is left in the app for the runtime to poll.
public enum RuntimeCommand: Sendable, Hashable {
    /// Backend work a screen asked for; its result goes back to that screen with its ticket.
    case perform(ConsoleEffect, for: RequestOrigin)
    /// Stop the backend work a screen started (Esc on a slow save).
    case cancel(ScreenID)
    /// The unsaved typing of every open form changed: keep exactly these drafts on disk (a
    /// draft no longer listed was saved or discarded).
    case keepDrafts([DraftSnapshot])
    /// Delete a kept draft the operator threw away from the restore list.
    case forgetDraft(id: String)
    /// Put text on the operator's clipboard (after the frame is shown).
    case copyToClipboard(String)
    /// Start again on another profile of the config file: its backend, theme and drafts.
    case switchProfile(String)

    /// The backend work in a list of commands, in order.
    public static func effects(in commands: [RuntimeCommand]) -> [(RequestOrigin, ConsoleEffect)] {
        commands.compactMap { if case let .perform(effect, origin) = $0 { (origin, effect) } else { nil } }
    }
}

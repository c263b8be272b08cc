/// The default theme, compiled in so the console always has a theme even with no Themes/
/// directory installed. Must stay identical to Themes/default.json (a test compares them).
enum BuiltinTheme {
    static let defaultJSON = #"""
{
  "name": "default",
  "description": "For dark and light terminals alike: keeps the terminal's own background; accents in cyan and yellow.",
  "roles": {
    "text":         {"fg": "default", "bg": "default", "attrs": [], "mono": []},
    "title":        {"fg": {"256": 81, "8": "cyan"}, "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
    "label":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
    "field":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
    "fieldFocused": {"fg": "default", "bg": "default", "attrs": [], "mono": []},
    "error":        {"fg": {"256": 203, "8": "red"}, "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
    "hint":         {"fg": {"256": 245, "8": "default"}, "bg": "default", "attrs": [], "mono": ["dim"]},
    "selection":    {"fg": {"256": 231, "8": "white"}, "bg": {"256": 25, "8": "blue"}, "attrs": ["bold"], "mono": ["reverse"]},
    "statusBar":    {"fg": {"256": 250, "8": "default"}, "bg": "default", "attrs": [], "mono": []},
    "dialog":       {"fg": "default", "bg": "default", "attrs": [], "mono": []},
    "dialogTitle":  {"fg": {"256": 81, "8": "cyan"}, "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
    "border":       {"fg": {"256": 244, "8": "cyan"}, "bg": "default", "attrs": [], "mono": []},
    "counter":      {"fg": {"256": 245, "8": "default"}, "bg": "default", "attrs": [], "mono": ["dim"]},
    "success":      {"fg": {"256": 114, "8": "green"}, "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
    "muted":        {"fg": {"256": 242, "8": "default"}, "bg": "default", "attrs": ["dim"], "mono": ["dim"]},
    "header":       {"fg": {"256": 81, "8": "cyan"}, "bg": "default", "attrs": ["bold"], "mono": ["bold", "underline"]},
    "key":          {"fg": {"256": 221, "8": "yellow"}, "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
    "fieldPad":     {"fg": {"256": 242, "8": "default"}, "bg": "default", "attrs": ["underline"], "mono": ["underline"]},
    "production":   {"fg": {"256": 231, "8": "white"}, "bg": {"256": 124, "8": "red"}, "attrs": ["bold"], "mono": ["reverse", "bold"]}
  }
}
"""#
}

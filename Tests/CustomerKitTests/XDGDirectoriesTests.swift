import CustomerKit
import Testing

@Suite("XDG directories")
struct XDGDirectoriesTests {
    @Test func absoluteValuesAreUsed() {
        let d = XDGDirectories(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg", "XDG_DATA_HOME": "/data",
                                             "XDG_STATE_HOME": "/state"])
        #expect(d.configFile == "/cfg/flexprice-console/config.json")
        #expect(d.data == "/data/flexprice-console")
        #expect(d.state == "/state/flexprice-console")
    }

    @Test("relative and empty values are ignored, as the specification says, for every base alike",
          arguments: ["", "relative", "./here", "~/cfg"])
    func relativeIsIgnored(value: String) {
        let d = XDGDirectories(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": value, "XDG_DATA_HOME": value,
                                             "XDG_STATE_HOME": value])
        #expect(d.configHome == "/home/u/.config")
        #expect(d.dataHome == "/home/u/.local/share")
        #expect(d.stateHome == "/home/u/.local/state")
    }

    @Test func anEmptyHomeFallsBackToTheUsersHome() {
        let d = XDGDirectories(environment: ["HOME": ""])
        #expect(d.home.hasPrefix("/"))
        #expect(d.configHome == d.home + "/.config")
    }
}

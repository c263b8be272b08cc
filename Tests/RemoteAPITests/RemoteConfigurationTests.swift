import CustomerKit
import Testing
@testable import RemoteAPI

@Suite struct RemoteConfigurationTests {
    @Test func defaultsAreTheUSRegionAndAShortTimeout() {
        let config = RemoteConfiguration()
        #expect(config.baseURL == "https://us.api.flexprice.io/v1")
        #expect(config.apiKey == nil)
        #expect(config.environmentID == nil)
        #expect(config.timeout == 15)
        #expect(config.userAgent == "flexprice-console/\(RemoteConfiguration.clientVersion)")
    }

    @Test func readsTheThreeVariablesTrimmed() {
        let config = RemoteConfiguration.fromEnvironment([
            "FLEXPRICE_API_URL": " http://localhost:8080/v1/ ",
            "FLEXPRICE_API_KEY": "sk_abc123\n",
            "FLEXPRICE_ENVIRONMENT_ID": "env_1",
            "UNRELATED": "x",
        ], baseURL: "https://ignored.example/v1")
        #expect(config.baseURL == "http://localhost:8080/v1/")
        #expect(config.trimmedBaseURL == "http://localhost:8080/v1")
        #expect(config.apiKey == "sk_abc123")
        #expect(config.environmentID == "env_1")
    }

    @Test func emptyVariablesCountAsUnsetAndTheGivenBaseURLIsTheFallback() {
        let config = RemoteConfiguration.fromEnvironment(
            ["FLEXPRICE_API_URL": "  ", "FLEXPRICE_API_KEY": "", "FLEXPRICE_ENVIRONMENT_ID": ""],
            baseURL: "https://api.cloud.flexprice.io/v1")
        #expect(config.baseURL == "https://api.cloud.flexprice.io/v1")
        #expect(config.apiKey == nil)
        #expect(config.environmentID == nil)
        #expect(RemoteConfiguration.fromEnvironment([:], baseURL: nil).baseURL == RemoteConfiguration.defaultBaseURL)
    }

    @Test func theKeyNeverShowsInDescriptionsDumpsOrLabels() {
        let config = RemoteConfiguration(baseURL: "https://user:hunter2pass@us.api.flexprice.io/v1/",
                                         apiKey: TestKeys.apiKey, environmentID: "env_9")
        var dumped = ""
        dump(config, to: &dumped)
        let client = RemoteCustomerClient(configuration: config)
        for text in [config.description, config.debugDescription, "\(config)", String(reflecting: config),
                     dumped, config.label, client.label] {
            #expect(!text.contains(TestKeys.apiKey), "\(text)")
            #expect(!text.contains("hunter2pass"), "\(text)")
        }
        #expect(config.label == "remote: https://us.api.flexprice.io/v1 (env env_9)")
        #expect(config.description.contains("apiKey: set"))
    }
}

import Testing
@testable import CustomerKit

/// Both halves of the server's email rule (contract section 13).
@Suite struct EmailRuleTests {
    @Test(arguments: [
        "billing@acme.com", "a@b.co", "first.last+tag@sub.example.org", "o'brien@example.ie",
        "x!#$%&'*+-/=?^_`{|}~@example.com", "ünïcödé@bücher.de", "用户@例子.广告", "\"john doe\"@example.com",
        "\"a\\\"b\"@example.com", "a@b.co.", "a@b-c.d-e.com", "a@1.example.com", "a@b~c.com",
    ])
    func accepts(email: String) {
        #expect(EmailRule.isValid(email), "\(email)")
    }

    @Test(arguments: [
        "", "plain", "@example.com", "a@", "a@localhost", "A <a@b.co>", "a b@c.com", "a..b@c.com", ".a@c.com",
        "a.@c.com", "a@b..com", "a@-b.com", "a@b-.com", "a@b.c1", "a@b.1c", "a@[127.0.0.1]", "a@b.c..",
        "a@@b.com", "\"a\u{1}\"@b.com", "a\u{1F600}@b.com", "a@b.com (comment)", "a@b_c.com",
    ])
    func rejects(email: String) {
        #expect(!EmailRule.isValid(email), "\(email)")
    }
}

import Testing
import TestSupport

/// A failing Python suite is reported by test name and assertion, read from its output.
@Suite struct PythonFailureReportTests {
    @Test func unittestBlocks() {
        let output = """
            test_ok (test_a.A.test_ok) ... ok
            test_country (test_habits.Habits.test_country) ... FAIL
            test_boom (test_habits.Habits.test_boom) ... ERROR

            ======================================================================
            ERROR: test_boom (test_habits.Habits.test_boom)
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "/x/test_habits.py", line 9, in test_boom
                raise RuntimeError("console gone")
            RuntimeError: console gone

            ======================================================================
            FAIL: test_country (test_habits.Habits.test_country)
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "/x/test_habits.py", line 5, in test_country
                self.assertEqual(saved, "GB")
            AssertionError: 'UA' != 'GB'
            - UA
            + GB

            ----------------------------------------------------------------------
            Ran 3 tests in 1.0s

            FAILED (failures=1, errors=1)
            """
        let failures = PythonSuite.failures(in: output)
        #expect(failures.map(\.test) == ["test_boom (test_habits.Habits.test_boom)",
                                         "test_country (test_habits.Habits.test_country)"])
        #expect(failures.first?.reason == "RuntimeError: console gone")
        #expect(failures.last?.reason.hasPrefix("AssertionError: 'UA' != 'GB'") == true)
        #expect(failures.last?.reason.contains("Ran 3 tests") == false)
    }

    @Test func pytestSummaryLines() {
        let output = """
            ..F.
            =========================== short test summary info ============================
            FAILED Tests/APIEndToEnd/test_sdk.py::test_update - AssertionError: assert 500 == 200
            ERROR Tests/APIEndToEnd/test_schema.py::test_api - ConnectionRefusedError: [Errno 111]
            1 failed, 2 passed, 1 error in 3.2s
            """
        let failures = PythonSuite.failures(in: output)
        #expect(failures == [
            .init(test: "Tests/APIEndToEnd/test_sdk.py::test_update", reason: "AssertionError: assert 500 == 200"),
            .init(test: "Tests/APIEndToEnd/test_schema.py::test_api", reason: "ConnectionRefusedError: [Errno 111]"),
        ])
        #expect(PythonSuite.failures(in: "4 passed in 1s").isEmpty)
    }
}

extension PythonFailureReportTests {
    @Test("a subtest failure without a reason brings the output's end along")
    func subtestsAndReports() {
        let output = "boom happened here\nSUBFAILED Tests/APIEndToEnd/test_schemathesis.py::test_ops[GET /v1/customers]\n1 failed"
        #expect(PythonSuite.failures(in: output).map(\.test) == ["Tests/APIEndToEnd/test_schemathesis.py::test_ops[GET /v1/customers]"])
        let report = PythonSuite.report(output, status: 1, suite: "API")
        #expect(report.count == 2)
        #expect(report[1].contains("boom happened here"))
        #expect(PythonSuite.report("ok", status: 0, suite: "API").isEmpty)
        #expect(PythonSuite.report("Segmentation fault", status: 139, suite: "API") == ["API exited 139:\nSegmentation fault"])
    }
}

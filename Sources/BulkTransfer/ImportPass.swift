import CustomerKit

/// The second pass of an import: the file read again in batches, each batch matched to the
/// backend's customers and written, noted in the journal, and reported row by row.
struct ImportPass {
    let importer: CustomerImporter
    let file: BulkFile
    let check: CustomerImporter.Check
    let journal: ImportJournal?
    let report: ImportReport?
    let dryRun: Bool
    let started: ContinuousClock.Instant
    /// The failures met, in file order (the first `CustomerImporter.keptFailures`).
    private(set) var failuresMet: [RowFailure] = []

    /// What the pass decided for one row.
    private enum Decision {
        case outcome(RowOutcome, RowFailure?)
        /// A write, and the outcome it has when it succeeds.
        case write(BulkWrite, success: RowOutcome)
    }

    /// Runs to the end of the file, or until stopped; returns the error that stopped it, if
    /// a backend error did.
    mutating func run(_ summary: inout ImportSummary) async throws(BulkFileError) -> CustomerError? {
        let stop = try await runRows(&summary)
        // Asked to stop (Esc cancels the task): the batch that was cut off says "cancelled",
        // which is the stop itself, not a failure of the backend.
        if stop != nil, importer.shouldStop() {
            summary.finished = false
            return nil
        }
        return stop
    }

    private mutating func runRows(_ summary: inout ImportSummary) async throws(BulkFileError) -> CustomerError? {
        var index = 0
        var batch: [BulkRow] = []
        let alreadyDone = journal?.doneRows ?? 0
        while let row = try file.next() {
            if index < alreadyDone, let journal {
                let outcome = journal.outcomes[index]
                summary.count(outcome)
                summary.alreadyDone += 1
                let failure = journal.failures[row.line] ?? failureIfAny(row, outcome)
                if let failure, failuresMet.count < CustomerImporter.keptFailures { failuresMet.append(failure) }
                report?.add(line: row.line, outcome: outcome.rawValue, failure: failure, cells: file.reportCells(row))
                index += 1
                continue
            }
            index += 1
            batch.append(row)
            if batch.count == importer.options.batchSize {
                if !dryRun { importer.beforeBatch() }
                if let stop = try await apply(batch, &summary) { return stop }
                batch.removeAll(keepingCapacity: true)
                if importer.shouldStop() {
                    summary.finished = summary.done == summary.rows
                    return nil
                }
            }
        }
        guard !batch.isEmpty else { return nil }
        if !dryRun { importer.beforeBatch() }
        return try await apply(batch, &summary)
    }

    /// A failed row from the journal without a noted failure: its rule's message again.
    private func failureIfAny(_ row: BulkRow, _ outcome: RowOutcome) -> RowFailure? {
        outcome == .failed ? CustomerImporter.problem(row, firstLine: firstLine(of: row)) : nil
    }

    private func firstLine(of row: BulkRow) -> Int? {
        check.duplicateOf[Int32(clamping: row.line)].map(Int.init)
    }

    /// One batch: matched, written, journaled, reported. Returns the backend error that stops
    /// the run; the rows before it are kept as done, the rest are left for the next run.
    private mutating func apply(_ rows: [BulkRow], _ summary: inout ImportSummary) async throws(BulkFileError) -> CustomerError? {
        var failures: [Int: RowFailure] = [:]
        var valid: [BulkRow] = []
        for row in rows {
            if check.failingLines.contains(Int32(clamping: row.line)),
               let failure = CustomerImporter.problem(row, firstLine: firstLine(of: row)) {
                failures[row.line] = failure
            } else {
                valid.append(row)
            }
        }
        let names = Set(valid.map(\.externalID) + valid.compactMap { $0.texts.parentCustomerExternalID }.filter { !$0.isEmpty })
        let existing: [String: Customer]
        do {
            existing = try await importer.backend.published(externalIDs: Array(names))
        } catch {
            return error
        }
        var decisions: [Int: Decision] = [:]
        for row in valid { decisions[row.line] = decide(row, existing: existing) }

        // The writes, in file order; a row whose parent is created earlier in the same batch
        // waits for that create (a backend with requests in flight at once could else send the
        // child first).
        var results: [Int: Result<CustomerUpdate, CustomerError>] = [:]
        if !dryRun {
            var pending: [(line: Int, write: BulkWrite)] = []
            var creating: Set<String> = []
            for row in valid {
                guard case .write(let write, _) = decisions[row.line] else { continue }
                if let parent = row.texts.parentCustomerExternalID, creating.contains(parent) {
                    if let stop = await flush(&pending, into: &results) { return await finish(rows, decisions, failures, results, stop, &summary) }
                    creating = []
                }
                if case .create(let request) = write { creating.insert(request.externalID) }
                pending.append((row.line, write))
            }
            if let stop = await flush(&pending, into: &results) { return await finish(rows, decisions, failures, results, stop, &summary) }
        }
        return await finish(rows, decisions, failures, results, nil, &summary)
    }

    /// Sends the pending writes; a backend error that stops the run is returned (the rows it
    /// answered before that stay answered).
    private func flush(_ pending: inout [(line: Int, write: BulkWrite)],
                       into results: inout [Int: Result<CustomerUpdate, CustomerError>]) async -> CustomerError? {
        defer { pending = [] }
        guard !pending.isEmpty else { return nil }
        let answers: [Result<CustomerUpdate, CustomerError>]
        do {
            answers = try await importer.backend.apply(pending.map(\.write))
        } catch {
            return error
        }
        var stop: CustomerError?
        for (item, answer) in zip(pending, answers) {
            if case .failure(let error) = answer, CustomerImporter.stopsTheRun(error) {
                stop = stop ?? error
                continue
            }
            results[item.line] = answer
        }
        return stop
    }

    /// Outcomes for the batch's rows in file order, up to the first row left undone when the
    /// run stops; journaled, reported, counted.
    private mutating func finish(_ rows: [BulkRow], _ decisions: [Int: Decision], _ failures: [Int: RowFailure],
                                 _ results: [Int: Result<CustomerUpdate, CustomerError>], _ stop: CustomerError?,
                                 _ summary: inout ImportSummary) async -> CustomerError? {
        var outcomes: [RowOutcome] = []
        var noted: [RowFailure] = []
        var reported: [(BulkRow, RowOutcome, RowFailure?)] = []
        rows: for row in rows {
            let outcome: RowOutcome
            var failure = failures[row.line]
            switch decisions[row.line] {
            case nil:
                outcome = .failed
            case .outcome(let decided, let because)?:
                outcome = decided
                failure = because
            case .write(_, let success)?:
                if dryRun {
                    outcome = success
                } else {
                    switch results[row.line] {
                    case .success?: outcome = success
                    case .failure(let error)?:
                        outcome = .failed
                        failure = CustomerImporter.failure(error, row: row)
                    case nil:
                        // Not answered: the run stopped before it. Left for the next run.
                        break rows
                    }
                }
            }
            outcomes.append(outcome)
            if let failure, outcome == .failed {
                noted.append(failure)
                if failuresMet.count < CustomerImporter.keptFailures { failuresMet.append(failure) }
            }
            reported.append((row, outcome, failure))
        }
        if let journal, !outcomes.isEmpty {
            do { try journal.append(outcomes, failures: noted) } catch { return .transport(.other, message: error.description) }
        }
        for (row, outcome, failure) in reported {
            summary.count(outcome)
            report?.add(line: row.line, outcome: dryRun ? Self.dryRunWord(outcome) : outcome.rawValue, failure: failure,
                        cells: file.reportCells(row))
        }
        if stop != nil || reported.count < rows.count { summary.finished = false }
        importer.onProgress?(ImportProgress(phase: .importing, done: summary.done, total: summary.rows,
                                            seconds: CustomerImporter.seconds(since: started)))
        return stop
    }

    private static func dryRunWord(_ outcome: RowOutcome) -> String {
        switch outcome {
        case .created: "would create"
        case .updated: "would update"
        case .skipped: "would skip"
        case .unchanged, .failed: outcome.rawValue
        }
    }

    private func decide(_ row: BulkRow, existing: [String: Customer]) -> Decision {
        guard let current = existing[row.externalID] else {
            return .write(.create(row.createRequest), success: .created)
        }
        switch importer.options.onExisting {
        case .skip:
            return .outcome(.skipped, nil)
        case .fail:
            return .outcome(.failed, RowFailure(line: row.line, externalID: row.externalID, column: "external_id",
                                                message: "External ID: \(row.externalID) is taken by \(current.id) (--on-existing fail)"))
        case .update:
            let parentID = row.texts.parentCustomerExternalID.flatMap { existing[$0]?.id }
            let request = row.update(of: current, metadata: importer.options.metadata, parentID: parentID)
            if request.isEmpty { return .outcome(.unchanged, nil) }
            let issues = CustomerValidation.validate(request)
            if !issues.isEmpty { return .outcome(.failed, CustomerImporter.failure(issues, row: row)) }
            return .write(.update(id: current.id, request, expecting: current.updatedAt), success: .updated)
        }
    }
}

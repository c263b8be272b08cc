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

    /// A batch matched to the backend's customers, its writes ready to send.
    private struct Prepared {
        let rows: [BulkRow]
        let decisions: [Int: Decision]
        let failures: [Int: RowFailure]
        /// The writes in file order, in groups sent one after the other: a row whose parent is
        /// created earlier in the same batch waits for that create (a backend with requests in
        /// flight at once could else send the child first).
        let groups: [[WriteItem]]
    }

    typealias WriteItem = (line: Int, write: BulkWrite)
    /// Each answered line's error, or nil when it was written: not the customers written,
    /// which a batch of them in flight beside the next batch would double the import's memory.
    typealias Answers = (results: [Int: CustomerError?], stop: CustomerError?)

    /// Reads the file batch by batch. While the backend writes one batch, the next is read
    /// and parsed (the file and the store each keep one core busy); it is matched to the
    /// backend's customers only once the batch before it is written, so that it sees the
    /// parents that batch created.
    private mutating func runRows(_ summary: inout ImportSummary) async throws(BulkFileError) -> CustomerError? {
        var index = 0
        var rows = try readBatch(&index, &summary)
        while !rows.isEmpty {
            let prepared: Prepared
            switch await prepare(rows) {
            case .success(let ready): prepared = ready
            case .failure(let stop): return stop
            }
            if !dryRun { importer.beforeBatch() }
            let (groups, backend) = (dryRun ? [] : prepared.groups, importer.backend)
            async let written = Self.write(groups, to: backend)
            let next: Result<[BulkRow], BulkFileError>
            do throws(BulkFileError) {
                next = .success(try readBatch(&index, &summary))
            } catch {
                next = .failure(error)
            }
            let answers = await written
            if let stop = await finish(prepared, answers, &summary) { return stop }
            rows = try next.get()
            if importer.shouldStop() {
                summary.finished = summary.done == summary.rows
                return nil
            }
        }
        return nil
    }

    /// The next batch's rows; the rows the journal has as done before them are counted and
    /// reported as they were, not read into a batch.
    private mutating func readBatch(_ index: inout Int, _ summary: inout ImportSummary) throws(BulkFileError) -> [BulkRow] {
        var batch: [BulkRow] = []
        batch.reserveCapacity(importer.options.batchSize)
        let alreadyDone = journal?.doneRows ?? 0
        while batch.count < importer.options.batchSize, let row = try file.next() {
            defer { index += 1 }
            if index < alreadyDone, let journal {
                let outcome = journal.outcomes[index]
                summary.count(outcome)
                summary.alreadyDone += 1
                let failure = journal.failures[row.line] ?? failureIfAny(row, outcome)
                if let failure, failuresMet.count < CustomerImporter.keptFailures { failuresMet.append(failure) }
                report?.add(line: row.line, outcome: outcome.rawValue, failure: failure, cells: file.reportCells(row))
                continue
            }
            batch.append(row)
        }
        return batch
    }

    /// A failed row from the journal without a noted failure: its rule's message again.
    private func failureIfAny(_ row: BulkRow, _ outcome: RowOutcome) -> RowFailure? {
        outcome == .failed ? CustomerImporter.problem(row, firstLine: firstLine(of: row)) : nil
    }

    private func firstLine(of row: BulkRow) -> Int? {
        check.duplicateOf[Int32(clamping: row.line)].map(Int.init)
    }

    /// One batch matched: each row failed by its check, decided against the customers the
    /// backend has with its external id (or its parent's), or written. A backend error here
    /// stops the run before anything of the batch is written.
    private func prepare(_ rows: [BulkRow]) async -> Result<Prepared, CustomerError> {
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
            return .failure(error)
        }
        var decisions: [Int: Decision] = [:]
        var groups: [[WriteItem]] = []
        var pending: [WriteItem] = []
        var creating: Set<String> = []
        for row in valid {
            let decision = decide(row, existing: existing)
            decisions[row.line] = decision
            guard case .write(let write, _) = decision else { continue }
            if let parent = row.texts.parentCustomerExternalID, creating.contains(parent) {
                groups.append(pending)
                pending = []
                creating = []
            }
            if case .create(let request) = write { creating.insert(request.externalID) }
            pending.append((row.line, write))
        }
        if !pending.isEmpty { groups.append(pending) }
        return .success(Prepared(rows: rows, decisions: decisions, failures: failures, groups: groups))
    }

    /// Sends the groups one after the other; a backend error that stops the run is returned
    /// (the rows answered before it stay answered, the rest are left for the next run).
    private static func write(_ groups: [[WriteItem]], to backend: any BulkCustomerBackend) async -> Answers {
        var results: [Int: CustomerError?] = [:]
        results.reserveCapacity(groups.reduce(0) { $0 + $1.count })
        for group in groups {
            let answers: [Result<CustomerUpdate, CustomerError>]
            do {
                answers = try await backend.apply(group.map(\.write))
            } catch {
                return (results, error)
            }
            var stop: CustomerError?
            for (item, answer) in zip(group, answers) {
                switch answer {
                case .failure(let error) where CustomerImporter.stopsTheRun(error):
                    stop = stop ?? error
                case .failure(let error):
                    results[item.line] = .some(error)
                case .success:
                    results[item.line] = .some(nil)
                }
            }
            if let stop { return (results, stop) }
        }
        return (results, nil)
    }

    /// Outcomes for the batch's rows in file order, up to the first row left undone when the
    /// run stops; journaled, reported, counted.
    private mutating func finish(_ prepared: Prepared, _ answers: Answers, _ summary: inout ImportSummary) async -> CustomerError? {
        let (rows, decisions, failures) = (prepared.rows, prepared.decisions, prepared.failures)
        let (results, stop) = answers
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
                    case .some(.none): outcome = success
                    case .some(.some(let error)):
                        outcome = .failed
                        failure = CustomerImporter.failure(error, row: row)
                    case .none:
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

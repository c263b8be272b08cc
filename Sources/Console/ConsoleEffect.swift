import BulkTransfer
import CustomerKit
import Foundation

/// Work a screen asks for. Screens never touch the backend: they return effects, the runner
/// performs them off the input loop, and the outcome comes back as a `BackendResult`.
public enum ConsoleEffect: Sendable, Hashable {
    case loadPage(CustomerQuery)
    case loadCustomer(id: String)
    /// A customer's integration mappings (nil id: none, only whether the backend keeps them).
    case loadIntegrations(customerID: String?)
    /// The customer with this id or, failing that, this external id (or the other way round
    /// when the text does not look like an id): the list's `g`.
    case lookUp(String)
    case loadChildren(parentID: String)
    case searchParents(text: String)
    case create(CreateCustomerRequest)
    /// An edit, made only while the customer is at `expecting` (the version the form was
    /// opened on, or the rival's version the operator chose to overwrite).
    case update(CustomerRef, UpdateCustomerRequest, expecting: Timestamp?)
    case delete(id: String)
    /// The newest entries of the audit trail.
    case loadAudit(limit: Int)
    /// The files and folders a typed path could go on to (Tab in a path field).
    case completePath(String)
    /// Checks a bulk file and (unless `dryRun`) imports it; progress comes back as it goes.
    case importFile(path: String, options: ImportOptions, dryRun: Bool)
    /// Writes the customers of a list query (search, status, filters, order) to a file.
    case exportFile(path: String, query: CustomerQuery, format: BulkFormat)
}

/// What came back from the backend for one effect (the runtime returns it with the effect's
/// `RequestTicket`).
public enum BackendResult: Sendable, Hashable {
    case page(CustomerPage, query: CustomerQuery)
    case customer(Customer)
    /// A customer's integration mappings, and whether the backend keeps mappings sent with a
    /// create or update (where it does not, the form shows them read-only).
    case integrations([IntegrationEntityMapping], customerID: String?, kept: Bool)
    case children(CustomerPage, parentID: String)
    case parents(CustomerPage)
    case created(Customer)
    case updated(Customer)
    case deleted(id: String)
    case audit([AuditEntry])
    /// Paths that start with what was typed (folders end in `/`), sorted.
    case pathCompletions([String], typed: String)
    /// How far an import is (several come back before its end).
    case importProgress(ImportProgress)
    case imported(CustomerImporter.Result)
    /// The file cannot be imported as a whole (nothing was written).
    case importRefused(BulkFileError)
    case exported(count: Int, path: String)
    case failed(CustomerError, effect: ConsoleEffect)
}

/// Performs effects against a backend. Used by the terminal runner and by headless tests alike.
public struct EffectRunner: Sendable {
    public let backend: any CustomerBackend
    public let auditTrail: (any AuditTrail)?
    /// Where imports keep their progress journals (nil: an import cannot be resumed).
    public let importJournals: String?
    /// Rows an import matches and writes together, when not the default
    /// (`FLEXPRICE_IMPORT_BATCH_SIZE`, as the CLI's `--batch-size`).
    public let importBatchSize: Int?
    /// Called before each import batch: the test gate (`FLEXPRICE_IMPORT_GATE`) holds it there.
    public let beforeImportBatch: @Sendable () -> Void

    public init(backend: any CustomerBackend, auditTrail: (any AuditTrail)? = nil, importJournals: String? = nil,
                importBatchSize: Int? = nil, beforeImportBatch: @escaping @Sendable () -> Void = {}) {
        self.backend = backend
        self.auditTrail = auditTrail
        self.importJournals = importJournals
        self.importBatchSize = importBatchSize
        self.beforeImportBatch = beforeImportBatch
    }

    /// `perform`, with the interim results of long work (an import's progress) given to
    /// `progress` as they come.
    public func perform(_ effect: ConsoleEffect, progress: @escaping @Sendable (BackendResult) -> Void) async -> BackendResult {
        switch effect {
        case .importFile(let path, var options, let dryRun):
            if let importBatchSize { options.batchSize = importBatchSize }
            let importer = CustomerImporter(path: BulkPaths.expand(path), options: options,
                                            backend: BulkAccess.make(backend, concurrency: options.concurrency),
                                            journalFolder: importJournals)
            importer.onProgress = { progress(.importProgress($0)) }
            // Esc cancels the task: the import stops after the batch under way.
            importer.shouldStop = { Task.isCancelled }
            importer.beforeBatch = beforeImportBatch
            do {
                return .imported(try await importer.run(dryRun: dryRun))
            } catch {
                return .importRefused(error)
            }
        default:
            return await perform(effect)
        }
    }

    public func perform(_ effect: ConsoleEffect) async -> BackendResult {
        do {
            switch effect {
            case let .loadPage(query):
                return .page(try await backend.list(query), query: query)
            case let .loadCustomer(id):
                return .customer(try await backend.customer(id: id))
            case let .lookUp(text):
                return .customer(try await lookUp(text))
            case let .loadIntegrations(id):
                var mappings: [IntegrationEntityMapping] = []
                if let id { mappings = try await backend.integrationMappings(customerID: id) }
                return .integrations(mappings, customerID: id, kept: backend.keepsIntegrationMappings)
            case let .loadChildren(parentID):
                let query = CustomerQuery(limit: CustomerQuery.maxLimit, parentCustomerID: parentID)
                return .children(try await backend.list(query), parentID: parentID)
            case let .searchParents(text):
                let query = CustomerQuery(search: text.isEmpty ? nil : text, limit: 20)
                return .parents(try await backend.list(query))
            case let .create(request):
                return .created(try await backend.create(request))
            case let .update(ref, request, version):
                return .updated(try await backend.update(ref, request, expecting: version).after)
            case let .delete(id):
                try await backend.delete(id: id)
                return .deleted(id: id)
            case let .loadAudit(limit):
                return .audit(auditTrail?.recent(limit: limit) ?? [])
            case .completePath(let typed):
                return .pathCompletions(BulkPaths.completions(of: typed), typed: typed)
            case .importFile:
                return await perform(effect, progress: { _ in })
            case let .exportFile(path, query, format):
                return try await export(to: path, query: query, format: format)
            }
        } catch {
            return .failed(error, effect: effect)
        }
    }

    /// An id or external id, whichever matches; an id (`cust_…`) is tried first when the text
    /// looks like one. Only "not found" moves on to the other: any other failure is the answer.
    private func lookUp(_ typed: String) async throws(CustomerError) -> Customer {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            throw .validation(message: "Type an id or external id", fields: [:])
        }
        let idFirst = text.hasPrefix("cust_")
        for byID in [idFirst, !idFirst] {
            do {
                return byID ? try await backend.customer(id: text) : try await backend.customer(externalID: text)
            } catch {
                guard case .notFound = error else { throw error }
            }
        }
        // Quoted in one line's worth at most: the message is read on the list's message row.
        let shown = text.count > 60 ? String(text.prefix(59)) + "…" : text
        throw .notFound(message: "No customer has the id or external id “\(shown)”", details: [:])
    }

    /// The file appears under its name only once it is complete (`FileOutput.whole`).
    private func export(to path: String, query: CustomerQuery, format: BulkFormat)
        async throws(CustomerError) -> BackendResult {
        let target = BulkPaths.expand(path)
        let exporter = CustomerExporter(source: BulkAccess.make(backend, concurrency: 1), format: format, query: query)
        do {
            return .exported(count: try await exporter.export(toFile: target), path: target)
        } catch let error as CustomerError {
            throw error
        } catch {
            throw Self.fileError("\(error)")
        }
    }

    private static func fileError(_ message: String) -> CustomerError {
        .invalidOperation(message: message, details: [:])
    }
}

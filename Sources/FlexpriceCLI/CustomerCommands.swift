import ArgumentParser
import CustomerKit
import Foundation

struct CreateCustomer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a customer from a JSON body as for POST /customers.")

    @Option(name: .long, help: ArgumentHelp("JSON file with the customer (- for standard input).", valueName: "file"))
    var file: String
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        let context = try CLIContext.make(global, json: output.json)
        let request = try await context.run { _ throws(CustomerError) in try RequestFile.read(CreateCustomerRequest.self, from: file) }
        let customer = try await context.run { backend throws(CustomerError) in try await backend.create(request) }
        if output.json { CLIOutput.json(customer) } else { CLIOutput.write("Created \(customer.id)\n" + CustomerFormatter.detail(customer)) }
    }
}

struct GetCustomer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show one customer, by id or by external id.")

    @OptionGroup var customer: CustomerSelector
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        let context = try CLIContext.make(global, json: output.json)
        let ref = self.customer.ref
        let customer = try await context.run { backend throws(CustomerError) in
            switch ref {
            case .externalID(let externalID): try await backend.customer(externalID: externalID)
            case .id(let id): try await backend.customer(id: id)
            }
        }
        if output.json { CLIOutput.json(customer) } else { CLIOutput.write(CustomerFormatter.detail(customer)) }
    }
}

struct ListCustomers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List customers, newest first (or --sort); --search matches name, email and external id.")

    @Option(name: .long, help: "Case-insensitive text to find in name, email or external id.") var search: String?
    @Option(name: .long, help: "Rows per page, 1 to 1000.") var limit = 50
    @Option(name: .long, help: "Rows to skip.") var offset = 0
    @Option(name: .long, help: ArgumentHelp("published (default) or archived (deleted customers).", valueName: "status"))
    var status = "published"
    @OptionGroup(title: "Order and filters") var refinements: ListRefinements
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func validate() throws {
        guard ["published", "archived"].contains(status) else { throw ValidationError("--status must be published or archived.") }
        guard (1...CustomerQuery.maxLimit).contains(limit) else { throw ValidationError("--limit \(CustomerQuery.limitProblem).") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more.") }
    }

    func run() async throws {
        let context = try CLIContext.make(global, json: output.json)
        var query = CustomerQuery(search: search.flatMap { $0.isEmpty ? nil : $0 }, status: CustomerStatus(status),
                                  limit: limit, offset: offset)
        try refinements.apply(to: &query)
        let page = try await context.run { backend throws(CustomerError) in try await backend.list(query) }
        if output.json { CLIOutput.json(ListCustomersResponse(page: page)) } else { CLIOutput.write(CustomerFormatter.table(page)) }
    }
}

struct UpdateCustomer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change some fields of a customer (JSON body as for PUT; only the keys given change).")

    @OptionGroup var customer: CustomerSelector
    @Option(name: .long, help: ArgumentHelp("JSON file with the fields to change (- for standard input).", valueName: "file"))
    var file: String
    @Option(name: .customLong("if-updated-at"),
            help: ArgumentHelp("Change it only if its updated_at is still this (as read); otherwise exit 5 "
                               + "(version_conflict) and change nothing.", valueName: "timestamp"))
    var ifUpdatedAt: String?
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func validate() throws {
        if let ifUpdatedAt, Timestamp(rfc3339: ifUpdatedAt) == nil {
            throw ValidationError("--if-updated-at needs an RFC 3339 timestamp such as 2026-12-01T09:30:00.123456Z")
        }
    }

    func run() async throws {
        let context = try CLIContext.make(global, json: output.json)
        let request = try await context.run { _ throws(CustomerError) in try RequestFile.read(UpdateCustomerRequest.self, from: file) }
        let ref = customer.ref
        let version = ifUpdatedAt.flatMap { Timestamp(rfc3339: $0) }
        let customer = try await context.run { backend throws(CustomerError) in
            try await backend.update(ref, request, expecting: version).after
        }
        if output.json { CLIOutput.json(customer) } else { CLIOutput.write("Updated \(customer.id)\n" + CustomerFormatter.detail(customer)) }
    }
}

struct DeleteCustomer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete (archive) a customer. Its external id can be used again.")

    @Argument(help: "The customer's id (cust_...).") var id: String
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func run() async throws {
        let context = try CLIContext.make(global, json: output.json)
        try await context.run { backend throws(CustomerError) in try await backend.delete(id: id) }
        // The API answers 204 with no body; --json prints nothing on success.
        if !output.json { CLIOutput.write("Deleted \(CLIOutput.safe(id))") }
    }
}

/// A customer named on the command line: its id, or `--external-id`, exactly one of them.
struct CustomerSelector: ParsableArguments {
    @Argument(help: "The customer's id (cust_...).") var id: String?
    @Option(name: .customLong("external-id"), help: "Name the customer by external id instead.") var externalID: String?

    func validate() throws {
        if id == nil && externalID == nil { throw ValidationError("Give a customer id or --external-id.") }
        if id != nil && externalID != nil { throw ValidationError("Give a customer id or --external-id, not both.") }
    }

    /// Valid after `validate()`: exactly one of the two is set.
    var ref: CustomerRef { externalID.map { .externalID($0) } ?? .id(id ?? "") }
}

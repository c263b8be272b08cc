import CustomerKit
import Foundation
import Hummingbird
import LocalStore

/// The customer routes under `/v1` (contract section 3), each answering with the FlexPrice
/// JSON: a customer, a `ListCustomersResponse`, 204 for a delete, or the error JSON.
/// `AuthMiddleware` has put the key's environment store in the context before any of these run.
/// Every handler runs under the `RequestGuard`: its deadline, its environment's turn, and only
/// while the client is connected.
struct CustomerRoutes: Sendable {
    let guardrail: RequestGuard

    func register(on group: RouterGroup<APIRequestContext>) {
        func guarded(_ work: @escaping RequestGuard.Work) -> @Sendable (Request, APIRequestContext) async throws -> Response {
            { [guardrail] request, context in try await guardrail.run(request, context, work) }
        }
        group.post("customers", use: guarded { try await create($0, $1) })
        group.get("customers", use: guarded { try await list($0, $1) })
        group.put("customers", use: guarded { try await update($0, $1, pathID: nil) })
        group.post("customers/search", use: guarded { try await search($0, $1) })
        // `**` takes the rest of the path, so an external id with `/` works here (it cannot on
        // the live server, which routes on the decoded path).
        group.get("customers/external/**", use: guarded { try await getByExternalID($0, $1) })
        group.get("customers/:id", use: guarded { try await get($0, $1) })
        group.put("customers/:id", use: guarded { try await update($0, $1, pathID: pathParameter($1, "id")) })
        group.delete("customers/:id", use: guarded { try await delete($0, $1) })
    }

    // MARK: - Handlers

    func create(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let body = try await RequestBodyReader.decode(CreateCustomerRequest.self, request, invalid: APIError.invalidRequest)
        let customer = try await store(context).create(body)
        return JSONResponse.customer(status: 201, customer)
    }

    func get(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let expand = try expansion(request)
        let id = pathParameter(context, "id")
        let store = try store(context)
        return try await answer(try await store.customer(id: id), expand: expand, store)
    }

    func getByExternalID(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let expand = try expansion(request)
        // The raw rest of the path: the router's catch-all drops empty segments (`a//b`, `a/`).
        let raw = String(request.uri.path.dropFirst(StrictPathMiddleware.externalPrefix.count))
        let externalID = raw.removingPercentEncoding ?? raw
        let store = try store(context)
        return try await answer(try await store.customer(externalID: externalID), expand: expand, store)
    }

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let search = try SearchRequest(query: QueryParameters(request.uri.query))
        return try await page(SearchTranslation.translate(search), try store(context))
    }

    func search(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let body = try await RequestBodyReader.decode(SearchRequest.self, request, invalid: APIError.invalidFilter)
        return try await page(SearchTranslation.translate(body), try store(context))
    }

    /// `PUT /customers/{id}` and `PUT /customers?id=...|external_customer_id=...`. The path id
    /// wins over the query's; when an id and an external id are both given they must name the
    /// same customer. With `If-Match`, only while the customer is at that version
    /// (`CustomerVersionTag`).
    func update(_ request: Request, _ context: APIRequestContext, pathID: String?) async throws -> Response {
        let query = QueryParameters(request.uri.query)
        let id = pathID ?? query["id"].flatMap { $0.isEmpty ? nil : $0 }
        let externalID = query["external_customer_id"].flatMap { $0.isEmpty ? nil : $0 }
        let version = try CustomerVersionTag.expected(request)
        let body = try await RequestBodyReader.decode(UpdateCustomerRequest.self, request, invalid: APIError.invalidRequest)
        let store = try store(context)
        let ref: CustomerRef
        switch (id, externalID) {
        case (nil, nil):
            throw APIError(status: 400, code: "validation_error",
                           message: "Provide id as query parameter (?id=...) or provide external_customer_id "
                               + "as query parameter (?external_customer_id=...)")
        case (let id?, let externalID?):
            let named = try await store.customer(externalID: externalID)
            guard named.id == id else {
                throw APIError(status: 400, code: "validation_error",
                               message: "The id and the external_customer_id name different customers: "
                                   + "ensure both identifiers refer to the same customer.",
                               details: ["id": id, "external_customer_id": externalID])
            }
            ref = .id(id)
        case (let id?, nil):
            ref = .id(id)
        case (nil, let externalID?):
            ref = .externalID(externalID)
        }
        return JSONResponse.customer(try await store.update(ref, body, expecting: version).after)
    }

    func delete(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        try await store(context).delete(id: pathParameter(context, "id"))
        return Response(status: .noContent)
    }

    // MARK: - Helpers

    private func store(_ context: APIRequestContext) throws -> LocalCustomerStore {
        guard let store = context.store else { throw APIError.internalError }
        return store
    }

    /// A path parameter, percent-decoded (the router matches the encoded path).
    private func pathParameter(_ context: APIRequestContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// `?expand=integrations` on the get routes; anything else is refused as on the live server.
    private func expansion(_ request: Request) throws(APIError) -> Bool {
        let query = QueryParameters(request.uri.query)
        guard let text = query["expand"], !text.isEmpty else { return false }
        var integrations = false
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard name == "integrations" else {
                throw APIError(status: 400, code: "validation_error", message: "Field is not allowed to be expanded",
                               details: ["field": name])
            }
            integrations = true
        }
        return integrations
    }

    private func answer(_ customer: Customer, expand: Bool, _ store: LocalCustomerStore) async throws -> Response {
        guard expand else { return JSONResponse.customer(customer) }
        return JSONResponse.customer(try await IntegrationsExpansion.attach([customer], store)[0])
    }

    private func page(_ translated: SearchTranslation.Result, _ store: LocalCustomerStore) async throws -> Response {
        var page = try await store.find(translated.criteria)
        if translated.expandIntegrations {
            page.items = try await IntegrationsExpansion.attach(page.items, store)
        }
        // A page of 1,000 customers is megabytes of JSON: not written for a client that left.
        try Task.checkCancellation()
        return JSONResponse.list(ListCustomersResponse(page: page))
    }
}

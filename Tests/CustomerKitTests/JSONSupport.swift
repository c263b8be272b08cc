import Foundation
@testable import CustomerKit

/// Parses JSON text into Foundation objects so two documents compare by meaning, not key order.
func jsonObject(_ text: String) -> NSObject {
    try! JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as! NSObject
}

func jsonObject(_ data: Data) -> NSObject {
    try! JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as! NSObject
}

/// Decodes `text` as T, re-encodes it, and returns (original, re-encoded) as comparable objects.
func roundTrip<T: Codable>(_ type: T.Type, _ text: String) throws -> (NSObject, NSObject) {
    let value = try JSONDecoder().decode(T.self, from: Data(text.utf8))
    let data = try CustomerJSON.encoder().encode(value)
    return (jsonObject(text), jsonObject(data))
}

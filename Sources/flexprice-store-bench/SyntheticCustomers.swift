import CustomerKit

/// Reproducible, varied customers for the benchmark: people and companies from several
/// countries (accented and non-Latin names included), e-mail addresses on common and company
/// domains, and external ids in the shapes CRMs and billing systems use. Customer `n` is
/// always the same, so a database can be topped up to a larger size later.
struct SyntheticCustomers {
    static let firstNames = [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
        "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Jürgen", "Zoë", "Björn", "François", "Élodie", "Søren", "Łukasz", "Ørjan", "Núria", "Çağla",
        "Hiroshi", "Yuki", "Wei", "Olga", "Dmitri", "Ana", "Sofía", "Lucas", "Emma", "Noah", "Mia", "Liam",
        "Priya", "Arjun", "Fatima", "Omar", "Chloé", "Mateo", "Ingrid", "Aleksandra",
    ]
    static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee",
        "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Müller",
        "Schröder", "Krüger", "Köhler", "Ørsted", "Åberg", "Nováková", "Dvořák", "Wiśniewski", "Yılmaz",
        "Tanaka", "Suzuki", "Chen", "Wang", "Ivanov", "Petrova", "Sharma", "Patel", "Haddad", "Silva", "Rossi",
    ]
    static let companyWords = [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Cyberdyne",
        "Tyrell", "Soylent", "Aperture", "Oscorp", "Monarch", "Nordwind", "Bergblick", "Sonnenhof", "Atlas",
        "Polaris", "Zenith", "Quantum", "Falcon", "Evergreen", "Bluebird", "Ironclad", "Lumière", "Fjord",
        "Kiefer", "Ævar",
    ]
    static let companySuffixes = ["GmbH", "Inc", "Ltd", "LLC", "AG", "SA", "BV", "Oy", "AB", "S.r.l.", "KG", "Co"]
    static let freeMailDomains = [
        "gmail.com", "outlook.com", "yahoo.com", "hotmail.de", "web.de", "gmx.net", "proton.me", "icloud.com",
        "yahoo.co.uk", "orange.fr",
    ]
    static let roles = ["billing", "finance", "accounts", "ap", "invoices", "admin", "hello"]
    static let countries = ["US", "DE", "GB", "FR", "IN", "JP", "BR", "NL", "SE", "ES", "IT", "PL", "CA", "AU"]

    /// Customer number `n` (0-based).
    static func customer(_ n: Int) -> CreateCustomerRequest {
        var random = SplitMix64(seed: UInt64(n) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        let name: String
        let email: String
        if random.next() % 2 == 0 {
            let first = pick(firstNames), last = pick(lastNames)
            name = "\(first) \(last)"
            email = "\(ascii(first)).\(ascii(last))\(random.next() % 1000)@\(pick(freeMailDomains))"
        } else {
            let word = pick(companyWords), second = pick(lastNames)
            name = "\(word) \(second) \(pick(companySuffixes))"
            email = "\(pick(roles))@\(ascii(word))-\(ascii(second)).\(pick(["com", "de", "io", "co.uk", "fr"]))"
        }
        let externalID: String
        switch random.next() % 5 {
        case 0: externalID = "CRM-" + digits(n, width: 8)
        case 1: externalID = "acct_" + base36(random.next(), length: 6) + base36(UInt64(n), length: 4)
        case 2: externalID = "user_\(n)"
        case 3: externalID = "org-" + base36(random.next(), length: 6) + "-\(n)"
        default: externalID = "SF-00\(n)" + base36(random.next(), length: 3).uppercased()
        }
        return CreateCustomerRequest(
            externalID: externalID, name: name, email: email,
            addressCity: pick(["Berlin", "London", "Paris", "Austin", "Pune", "Osaka", "Malmö", "São Paulo"]),
            addressCountry: pick(countries),
            metadata: random.next() % 4 == 0 ? ["plan": pick(["free", "pro", "enterprise"])] : nil)
    }

    /// Lower-case ASCII for e-mail local parts and domains ("Jürgen" -> "juergen").
    static func ascii(_ text: String) -> String {
        let replacements: [Character: String] = [
            "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ø": "o", "å": "a", "æ": "ae", "é": "e", "è": "e",
            "ë": "e", "ç": "c", "ğ": "g", "ı": "i", "ł": "l", "ń": "n", "ś": "s", "ú": "u", "í": "i", "á": "a",
            "ř": "r", "ž": "z",
        ]
        var out = ""
        for character in text.lowercased() {
            if let replacement = replacements[character] { out += replacement }
            else if character.isASCII && (character.isLetter || character.isNumber) { out.append(character) }
        }
        return out.isEmpty ? "x" : out
    }

    static func digits(_ n: Int, width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func base36(_ value: UInt64, length: Int) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var value = value, out = ""
        for _ in 0..<length {
            out.append(alphabet[Int(value % 36)])
            value /= 36
        }
        return out
    }
}

/// A small, fast, seedable generator (SplitMix64) so runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

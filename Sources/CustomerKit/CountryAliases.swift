// What operators type for a country besides its ISO 3166-1 alpha-2 code. The alpha-3 codes
// were generated once from the ISO 3166 data in the `pycountry` package (plus XKX for Kosovo,
// which the server accepts as XK); the rest is written by hand.

/// Other ways of naming a country, so that typing "UK", "usa", "Great Britain" or "Holland"
/// leads to the right code instead of to a neighbour in the alphabet (UK is GB, not UA).
enum CountryAliases {
    /// Two-letter codes that ISO 3166-1 does not assign (or no longer does) but that people
    /// type, with the codes they mean and why: the form offers those codes, and a value left as
    /// it is gets an error that names the right one. Empty `codes`: no country is meant.
    /// `sure`: everyone who types it means that country (UK, EL), so the form may take it
    /// without the operator picking it; the others are offered, to be picked on purpose.
    static let unassignedCodes: [String: (codes: [String], sure: Bool, why: String)] = [
        "UK": (["GB"], true, "UK is not an ISO 3166-1 code: the United Kingdom is GB"),
        "EL": (["GR"], true, "EL is the EU's code for Greece: the ISO code is GR"),
        "EU": ([], false, "EU is the European Union, not a country: give the member state's code"),
        "AC": (["SH"], false, "AC (Ascension Island) is not an ISO 3166-1 code: it is part of SH"),
        "TA": (["SH"], false, "TA (Tristan da Cunha) is not an ISO 3166-1 code: it is part of SH"),
        "CP": (["FR"], false, "CP (Clipperton Island) is not an ISO 3166-1 code: it is part of FR"),
        "DG": (["IO"], false, "DG (Diego Garcia) is not an ISO 3166-1 code: it is part of IO"),
        "EA": (["ES"], false, "EA (Ceuta, Melilla) is not an ISO 3166-1 code: they are part of ES"),
        "IC": (["ES"], false, "IC (Canary Islands) is not an ISO 3166-1 code: they are part of ES"),
        "FX": (["FR"], false, "FX (metropolitan France) is no longer assigned: France is FR"),
        "BU": (["MM"], false, "BU (Burma) is no longer assigned: Myanmar is MM"),
        "TP": (["TL"], false, "TP (East Timor) is no longer assigned: Timor-Leste is TL"),
        "ZR": (["CD"], false, "ZR (Zaire) is no longer assigned: the DR Congo is CD"),
        "DD": (["DE"], false, "DD (East Germany) is no longer assigned: Germany is DE"),
        "CS": (["RS", "ME"], false, "CS (Serbia and Montenegro) is no longer assigned: Serbia is RS, Montenegro ME"),
        "AN": (["CW", "SX", "BQ"], false, "AN (Netherlands Antilles) is no longer assigned: Curaçao is CW, Sint Maarten SX, Bonaire BQ"),
        "YU": (["RS", "ME"], false, "YU (Yugoslavia) is no longer assigned: Serbia is RS, Montenegro ME"),
        "SU": ([], false, "SU (the Soviet Union) is no longer assigned: give today's country's code"),
        "UN": ([], false, "UN is the United Nations, not a country"),
        // Language codes typed for countries.
        "JA": (["JP"], false, "JA is the code of the Japanese language: Japan is JP"),
        "KO": (["KR"], false, "KO is the code of the Korean language: South Korea is KR"),
        "ZH": (["CN"], false, "ZH is the code of the Chinese language: China is CN"),
        "DA": (["DK"], false, "DA is the code of the Danish language: Denmark is DK"),
        "HE": (["IL"], false, "HE is the code of the Hebrew language: Israel is IL"),
    ]

    /// Everyday and local names that are not the ISO short name, most used first: where one of
    /// these and an official name both match what was typed, the everyday one is offered first
    /// ("brit" offers the United Kingdom before British Indian Ocean Territory).
    static let everydayNames: [(name: String, code: String)] = [
        ("Great Britain", "GB"), ("Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"),
        ("Northern Ireland", "GB"), ("United States of America", "US"), ("America", "US"), ("Holland", "NL"),
        ("The Netherlands", "NL"), ("Russia", "RU"), ("Republic of Korea", "KR"),
        ("Czech Republic", "CZ"), ("Turkey", "TR"), ("Ivory Coast", "CI"), ("Cape Verde", "CV"), ("Burma", "MM"),
        ("Macedonia", "MK"), ("Swaziland", "SZ"), ("East Timor", "TL"), ("Vatican", "VA"), ("Vatican City", "VA"),
        ("Micronesia", "FM"), ("Palestine", "PS"), ("Brunei", "BN"), ("DR Congo", "CD"),
        ("Democratic Republic of the Congo", "CD"), ("Congo-Kinshasa", "CD"), ("Congo-Brazzaville", "CG"),
        ("Republic of the Congo", "CG"), ("Emirates", "AE"), ("UAE", "AE"), ("Bosnia", "BA"),
        ("Falklands", "FK"), ("Ascension Island", "SH"), ("Tristan da Cunha", "SH"), ("Saint Helena", "SH"),
        ("Deutschland", "DE"), ("Österreich", "AT"), ("Schweiz", "CH"), ("Suisse", "CH"), ("Svizzera", "CH"),
        ("España", "ES"), ("Italia", "IT"), ("Nederland", "NL"), ("België", "BE"), ("Belgique", "BE"),
        ("Polska", "PL"), ("Česko", "CZ"), ("Sverige", "SE"), ("Norge", "NO"), ("Danmark", "DK"),
        ("Suomi", "FI"), ("Éire", "IE"), ("Brasil", "BR"), ("Hellas", "GR"), ("Nippon", "JP"), ("Zhongguo", "CN"),
    ]

    /// ISO 3166-1 alpha-3 codes ("USA", "DEU") to alpha-2.
    static let alpha3: [String: String] = [
        "ABW": "AW", "AFG": "AF", "AGO": "AO", "AIA": "AI", "ALA": "AX", "ALB": "AL", "AND": "AD", "ARE": "AE",
        "ARG": "AR", "ARM": "AM", "ASM": "AS", "ATA": "AQ", "ATF": "TF", "ATG": "AG", "AUS": "AU", "AUT": "AT",
        "AZE": "AZ", "BDI": "BI", "BEL": "BE", "BEN": "BJ", "BES": "BQ", "BFA": "BF", "BGD": "BD", "BGR": "BG",
        "BHR": "BH", "BHS": "BS", "BIH": "BA", "BLM": "BL", "BLR": "BY", "BLZ": "BZ", "BMU": "BM", "BOL": "BO",
        "BRA": "BR", "BRB": "BB", "BRN": "BN", "BTN": "BT", "BVT": "BV", "BWA": "BW", "CAF": "CF", "CAN": "CA",
        "CCK": "CC", "CHE": "CH", "CHL": "CL", "CHN": "CN", "CIV": "CI", "CMR": "CM", "COD": "CD", "COG": "CG",
        "COK": "CK", "COL": "CO", "COM": "KM", "CPV": "CV", "CRI": "CR", "CUB": "CU", "CUW": "CW", "CXR": "CX",
        "CYM": "KY", "CYP": "CY", "CZE": "CZ", "DEU": "DE", "DJI": "DJ", "DMA": "DM", "DNK": "DK", "DOM": "DO",
        "DZA": "DZ", "ECU": "EC", "EGY": "EG", "ERI": "ER", "ESH": "EH", "ESP": "ES", "EST": "EE", "ETH": "ET",
        "FIN": "FI", "FJI": "FJ", "FLK": "FK", "FRA": "FR", "FRO": "FO", "FSM": "FM", "GAB": "GA", "GBR": "GB",
        "GEO": "GE", "GGY": "GG", "GHA": "GH", "GIB": "GI", "GIN": "GN", "GLP": "GP", "GMB": "GM", "GNB": "GW",
        "GNQ": "GQ", "GRC": "GR", "GRD": "GD", "GRL": "GL", "GTM": "GT", "GUF": "GF", "GUM": "GU", "GUY": "GY",
        "HKG": "HK", "HMD": "HM", "HND": "HN", "HRV": "HR", "HTI": "HT", "HUN": "HU", "IDN": "ID", "IMN": "IM",
        "IND": "IN", "IOT": "IO", "IRL": "IE", "IRN": "IR", "IRQ": "IQ", "ISL": "IS", "ISR": "IL", "ITA": "IT",
        "JAM": "JM", "JEY": "JE", "JOR": "JO", "JPN": "JP", "KAZ": "KZ", "KEN": "KE", "KGZ": "KG", "KHM": "KH",
        "KIR": "KI", "KNA": "KN", "KOR": "KR", "KWT": "KW", "LAO": "LA", "LBN": "LB", "LBR": "LR", "LBY": "LY",
        "LCA": "LC", "LIE": "LI", "LKA": "LK", "LSO": "LS", "LTU": "LT", "LUX": "LU", "LVA": "LV", "MAC": "MO",
        "MAF": "MF", "MAR": "MA", "MCO": "MC", "MDA": "MD", "MDG": "MG", "MDV": "MV", "MEX": "MX", "MHL": "MH",
        "MKD": "MK", "MLI": "ML", "MLT": "MT", "MMR": "MM", "MNE": "ME", "MNG": "MN", "MNP": "MP", "MOZ": "MZ",
        "MRT": "MR", "MSR": "MS", "MTQ": "MQ", "MUS": "MU", "MWI": "MW", "MYS": "MY", "MYT": "YT", "NAM": "NA",
        "NCL": "NC", "NER": "NE", "NFK": "NF", "NGA": "NG", "NIC": "NI", "NIU": "NU", "NLD": "NL", "NOR": "NO",
        "NPL": "NP", "NRU": "NR", "NZL": "NZ", "OMN": "OM", "PAK": "PK", "PAN": "PA", "PCN": "PN", "PER": "PE",
        "PHL": "PH", "PLW": "PW", "PNG": "PG", "POL": "PL", "PRI": "PR", "PRK": "KP", "PRT": "PT", "PRY": "PY",
        "PSE": "PS", "PYF": "PF", "QAT": "QA", "REU": "RE", "ROU": "RO", "RUS": "RU", "RWA": "RW", "SAU": "SA",
        "SDN": "SD", "SEN": "SN", "SGP": "SG", "SGS": "GS", "SHN": "SH", "SJM": "SJ", "SLB": "SB", "SLE": "SL",
        "SLV": "SV", "SMR": "SM", "SOM": "SO", "SPM": "PM", "SRB": "RS", "SSD": "SS", "STP": "ST", "SUR": "SR",
        "SVK": "SK", "SVN": "SI", "SWE": "SE", "SWZ": "SZ", "SXM": "SX", "SYC": "SC", "SYR": "SY", "TCA": "TC",
        "TCD": "TD", "TGO": "TG", "THA": "TH", "TJK": "TJ", "TKL": "TK", "TKM": "TM", "TLS": "TL", "TON": "TO",
        "TTO": "TT", "TUN": "TN", "TUR": "TR", "TUV": "TV", "TWN": "TW", "TZA": "TZ", "UGA": "UG", "UKR": "UA",
        "UMI": "UM", "URY": "UY", "USA": "US", "UZB": "UZ", "VAT": "VA", "VCT": "VC", "VEN": "VE", "VGB": "VG",
        "VIR": "VI", "VNM": "VN", "VUT": "VU", "WLF": "WF", "WSM": "WS", "XKX": "XK", "YEM": "YE", "ZAF": "ZA",
        "ZMB": "ZM", "ZWE": "ZW",    ]
}

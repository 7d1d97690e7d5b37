//! Countries (ISO 3166-1 alpha-2) and sub-national regions (ISO 3166-2) that the network's
//! members, partners and participants come from. Names follow the network's own usage.

pub(super) const COUNTRIES: &[(&str, &str)] = &[
    // Greater Mekong Subregion
    ("KH", "Cambodia"),
    ("CN", "China"),
    ("LA", "Lao PDR"),
    ("MM", "Myanmar"),
    ("TH", "Thailand"),
    ("VN", "Vietnam"),
    // Rest of ASEAN and Timor-Leste
    ("BN", "Brunei Darussalam"),
    ("ID", "Indonesia"),
    ("MY", "Malaysia"),
    ("PH", "Philippines"),
    ("SG", "Singapore"),
    ("TL", "Timor-Leste"),
    // Elsewhere in Asia
    ("BD", "Bangladesh"),
    ("HK", "Hong Kong"),
    ("IN", "India"),
    ("JP", "Japan"),
    ("KR", "Republic of Korea"),
    ("LK", "Sri Lanka"),
    ("NP", "Nepal"),
    ("PK", "Pakistan"),
    // Partners and donors further away
    ("AU", "Australia"),
    ("BE", "Belgium"),
    ("CA", "Canada"),
    ("CH", "Switzerland"),
    ("DE", "Germany"),
    ("DK", "Denmark"),
    ("FR", "France"),
    ("GB", "United Kingdom"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("NZ", "New Zealand"),
    ("SE", "Sweden"),
    ("US", "United States"),
];

pub(super) const REGIONS: &[(&str, &str, &str)] = &[
    ("CN-YN", "CN", "Yunnan"),
    ("CN-GX", "CN", "Guangxi"),
    ("TH-10", "TH", "Bangkok"),
    ("TH-21", "TH", "Rayong"),
    ("TH-50", "TH", "Chiang Mai"),
    ("TH-63", "TH", "Tak"),
    ("MM-06", "MM", "Yangon"),
    ("KH-12", "KH", "Phnom Penh"),
    ("KH-17", "KH", "Siem Reap"),
    ("KH-20", "KH", "Svay Rieng"),
    ("LA-VT", "LA", "Vientiane Prefecture"),
];

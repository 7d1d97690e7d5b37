//! The site's built files: `scripts/build.sh` gives the stylesheet, the script and the wasm
//! content-hashed names (so browsers may keep them for a year) and lists them in
//! `<site root>/pkg/assets.txt`, which the server reads once. Without that list (a build by
//! other means, or tests) the plain names `sala.css`, `sala.js` and `sala.wasm` are used.

/// The names the pages link to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    /// The wasm-bindgen output's name without extension (`sala.<hash>`): `.js` and `.wasm`.
    pub app: String,
    /// The stylesheet's file name.
    pub css: String,
    /// Whether the names carry a content hash (and so never change meaning).
    pub hashed: bool,
}

impl Assets {
    pub fn unhashed() -> Assets {
        Assets {
            app: "sala".into(),
            css: "sala.css".into(),
            hashed: false,
        }
    }

    /// Reads `app: sala.<hash>` and `css: sala.<hash>.css` lines; None when one is missing
    /// or names something other than a plain file in the same folder.
    pub fn parse(text: &str) -> Option<Assets> {
        let value = |key: &str| {
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim().to_owned())
                .filter(|v| {
                    !v.is_empty()
                        && v.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-')
                        && !v.starts_with('.')
                })
        };
        Some(Assets {
            app: value("app")?,
            css: value("css")?,
            hashed: true,
        })
    }

    /// The list in `site_root`, read once per process.
    #[cfg(feature = "ssr")]
    pub fn of_site(site_root: &str) -> &'static Assets {
        static ASSETS: std::sync::OnceLock<Assets> = std::sync::OnceLock::new();
        ASSETS.get_or_init(|| {
            let path = std::path::Path::new(site_root).join("pkg/assets.txt");
            std::fs::read_to_string(path)
                .ok()
                .and_then(|text| Assets::parse(&text))
                .unwrap_or_else(Assets::unhashed)
        })
    }
}

/// Whether the page at `path` has an island, and so loads the wasm. Every other page is
/// plain HTML (with at most a few lines of inline script) and downloads no wasm at all.
pub fn page_has_islands(path: &str) -> bool {
    path.strip_prefix("/manage/events/")
        .and_then(|rest| rest.strip_suffix("/checkin"))
        .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// The Content-Security-Policy of a page whose own inline scripts carry `nonce` (None: no
/// script at all). `wasm-unsafe-eval` lets the islands' wasm compile; `'self'` lets the
/// islands' script load its module from `/pkg`. Inline `style` attributes stay allowed
/// (a few elements are shown or hidden that way); style sheets come from the site only.
#[cfg(feature = "ssr")]
pub fn csp(nonce: Option<&str>) -> String {
    // The "your time" and region scripts are the same on every page: named by their
    // hashes, not the nonce.
    static REGION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let region = REGION.get_or_init(|| {
        crate::components::viewer_time::hash_source(
            crate::features::registration::pages::REGION_SCRIPT,
        )
    });
    let fixed = format!(
        "{} {region}",
        crate::components::viewer_time::script_source()
    );
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' {fixed} 'wasm-unsafe-eval'"),
        None => fixed,
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
         base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn the_policy_names_the_nonce_or_allows_no_script() {
        let with = csp(Some("n0nce"));
        assert!(with.contains("script-src 'self' 'nonce-n0nce' 'sha256-"));
        assert!(with.contains("'wasm-unsafe-eval';"));
        assert!(with.contains("object-src 'none'"));
        assert!(with.contains("base-uri 'none'"));
        assert!(with.contains("frame-ancestors 'none'"));
        assert!(csp(None).contains("script-src 'sha256-"));
    }

    #[test]
    fn reads_the_list_the_build_writes() {
        let assets = Assets::parse("app: sala.0123abcd\ncss: sala.4567ef.css\n").expect("parsed");
        assert_eq!(assets.app, "sala.0123abcd");
        assert_eq!(assets.css, "sala.4567ef.css");
        assert!(assets.hashed);
        assert_eq!(Assets::parse("app: sala.1\n"), None);
        assert_eq!(Assets::parse("app: ../x\ncss: a.css"), None);
        assert_eq!(Assets::parse("app: sala\"x\ncss: a.css"), None);
    }

    #[test]
    fn only_the_check_in_page_loads_the_wasm() {
        assert!(page_has_islands("/manage/events/regional-training/checkin"));
        assert!(!page_has_islands("/events/regional-training"));
        assert!(!page_has_islands("/events/regional-training/register"));
        assert!(!page_has_islands("/manage/events//checkin"));
        assert!(!page_has_islands("/manage/events/a/b/checkin"));
    }
}

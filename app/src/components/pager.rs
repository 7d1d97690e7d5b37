//! "← Previous · 51–100 of 5,000 · Next →" under a long list that the server pages: plain
//! links (no JavaScript needed) that keep everything else in the address.
use leptos::prelude::*;

use crate::i18n::{t, t_args};

/// Which page of `total` items to show, `per_page` at a time: the asked page (`?page=`, 1 if
/// missing or not a number) kept within the pages there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub page: usize,
    pub pages: usize,
    pub per_page: usize,
    pub total: usize,
}

impl Paging {
    pub fn new(asked: Option<&str>, per_page: usize, total: usize) -> Self {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let page = asked
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        Self {
            page,
            pages,
            per_page,
            total,
        }
    }

    /// The index of the first item shown.
    pub fn skip(&self) -> usize {
        (self.page - 1) * self.per_page
    }

    /// Only this page's items.
    pub fn slice<T>(&self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .skip(self.skip())
            .take(self.per_page)
            .collect()
    }
}

/// `query` (as `?a=1&b=2`, or empty) with `page` set to `to`.
pub fn with_page(path: &str, query: &str, to: usize) -> String {
    let mut kept: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .filter(|(k, _)| k != "page")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    kept.push(("page".into(), to.to_string()));
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    format!("{path}?{query}")
}

/// `query` (as `?a=1&b=2`, or empty) without its page: for links that mean the whole list.
pub fn without_page(query: &str) -> String {
    let kept: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .filter(|(k, _)| k != "page")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    if kept.is_empty() {
        return String::new();
    }
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    format!("?{query}")
}

/// The pager's links for `paging`, each to `path` with `query` and the page changed; nothing
/// when everything fits on one page.
pub fn pager(paging: Paging, path: &str, query: &str) -> impl IntoView {
    (paging.pages > 1).then(|| {
        let shown = t_args(
            "pager-shown",
            &[
                ("from", &(paging.skip() + 1).to_string()),
                ("to", &(paging.skip() + paging.per_page).min(paging.total).to_string()),
                ("total", &paging.total.to_string()),
            ],
        );
        let prev = (paging.page > 1).then(|| with_page(path, query, paging.page - 1));
        let next = (paging.page < paging.pages).then(|| with_page(path, query, paging.page + 1));
        view! {
            <nav class="pager">
                {prev.map(|href| view! { <a class="btn btn-secondary btn-small" rel="prev" href=href>{t("pager-previous")}</a> })}
                <span class="muted">{shown}</span>
                {next.map(|href| view! { <a class="btn btn-secondary btn-small" rel="next" href=href>{t("pager-next")}</a> })}
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_stay_within_the_list_and_links_keep_the_query() {
        let p = Paging::new(Some("3"), 50, 120);
        assert_eq!((p.page, p.pages, p.skip()), (3, 3, 100));
        assert_eq!(p.slice((0..120).collect()), (100..120).collect::<Vec<_>>());
        assert_eq!(Paging::new(Some("99"), 50, 120).page, 3);
        assert_eq!(Paging::new(Some("x"), 50, 120).page, 1);
        assert_eq!(Paging::new(None, 50, 0).pages, 1);
        assert_eq!(
            with_page("/p", "?q=Nang+Hseng&page=2&slot=a%26b", 3),
            "/p?q=Nang+Hseng&slot=a%26b&page=3"
        );
        assert_eq!(with_page("/p", "", 2), "/p?page=2");
        assert_eq!(
            without_page("?status=confirmed&page=4"),
            "?status=confirmed"
        );
        assert_eq!(without_page("?page=4"), "");
    }
}

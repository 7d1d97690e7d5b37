//! Slows down password guessing and floods of public requests, in memory.
//!
//! Sign-in failures are counted twice:
//! - per account *and* client address: after [`FREE_FAILURES`] failures, further attempts
//!   for that account from that address wait a delay that doubles with each failure, up to
//!   [`MAX_DELAY_SECS`]. The lockout is per pair so that someone else's failures cannot lock
//!   a colleague out: the right password from the colleague's own address still gets in.
//! - per client address, whatever the account: after [`ADDRESS_FREE_FAILURES`] failures the
//!   same doubling delays, so one password tried against many accounts is slowed down too.
//!   More failures are free here than per pair, as an office shares one address.
//!
//! An attempt counts as a failure from the moment it begins, while its password is still
//! being hashed, and is taken back when it succeeds: guesses sent side by side would
//! otherwise all pass the check before the first of them failed.
//!
//! Client addresses are grouped before counting ([`client_group`]): an IPv6 subscriber
//! usually holds a whole /64, so counting single addresses would let one machine take a
//! fresh count for every request.
//!
//! Every table here grows with what strangers send, so each is a [`BoundedMap`]: bounded by
//! entries and bytes, oldest and expired first out. The clock is passed in so tests need not
//! sleep.
use std::net::IpAddr;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use super::bounded::{BoundedMap, Weigh};
use crate::DomainError;

/// Failures per account and address allowed before delays start.
pub const FREE_FAILURES: u32 = 3;
/// Failures per address (any accounts) allowed before delays start.
pub const ADDRESS_FREE_FAILURES: u32 = 10;
/// Longest delay after repeated failures.
pub const MAX_DELAY_SECS: i64 = 15 * 60;
/// A key's failures are forgotten after this much quiet.
const FORGET_AFTER_SECS: i64 = 60 * 60;
/// Default bounds of each table: enough for a large flood of distinct keys, small enough
/// for one small server.
pub const DEFAULT_MAX_ENTRIES: usize = 100_000;
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;
/// Unparseable client addresses (e.g. from a proxy header) are cut to this many bytes.
const MAX_CLIENT_KEY: usize = 64;

/// The group a client address is counted in: an IPv4 address itself, an IPv6 address's /64
/// (an IPv4-mapped one as IPv4), anything else as given (cut short).
pub fn client_group(addr: &str) -> String {
    match addr.trim().parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
        Err(_) => {
            let mut end = addr.len().min(MAX_CLIENT_KEY);
            while !addr.is_char_boundary(end) {
                end -= 1;
            }
            addr[..end].to_owned()
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    last: DateTime<Utc>,
}

impl Weigh for Record {
    fn weight(&self) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// Sign-in failures per (account, address) and per address; see the module comment.
pub struct LoginLimiter {
    records: Mutex<BoundedMap<Record>>,
}

impl Default for LoginLimiter {
    fn default() -> Self {
        Self::new()
    }
}

fn delay_for(failures: u32, free: u32) -> i64 {
    if failures < free {
        return 0;
    }
    let exponent = (failures - free).min(20);
    (1_i64 << exponent).min(MAX_DELAY_SECS)
}

/// The keys an attempt counts against, each with its free failures.
fn keys(account: &str, client: &str) -> [(String, u32); 2] {
    let group = client_group(client);
    [
        (format!("pair\n{group}\n{account}"), FREE_FAILURES),
        (format!("addr\n{group}"), ADDRESS_FREE_FAILURES),
    ]
}

fn forgotten(rec: &Record, now: DateTime<Utc>) -> bool {
    (now - rec.last).num_seconds() > FORGET_AFTER_SECS
}

impl LoginLimiter {
    pub fn new() -> Self {
        Self::with_bounds(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES)
    }

    pub fn with_bounds(max_entries: usize, max_bytes: usize) -> Self {
        Self {
            records: Mutex::new(BoundedMap::new(max_entries, max_bytes)),
        }
    }

    /// Refuses an attempt for `account` from `client` while either key waits out its delay;
    /// otherwise counts it as a failure at once, before the password is checked, so that
    /// guesses sent side by side cannot all pass while the first ones are still being hashed.
    /// A sign-in that succeeds takes its count back ([`LoginLimiter::succeeded`]).
    pub fn attempt(
        &self,
        account: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> Result<(), DomainError> {
        let mut records = self.records.lock().map_err(|_| DomainError::Internal)?;
        let keys = keys(account, client);
        let mut wait = 0_i64;
        for (key, free) in &keys {
            let Some(rec) = records.get(key).filter(|r| !forgotten(r, now)) else {
                continue;
            };
            let delay = delay_for(rec.failures, *free);
            if delay > 0 {
                wait = wait.max((rec.last + Duration::seconds(delay) - now).num_seconds());
            }
        }
        if wait > 0 {
            return Err(DomainError::TooManyAttempts {
                retry_after_secs: u64::try_from(wait).unwrap_or(1),
            });
        }
        for (key, _) in keys {
            let failures = match records.get(&key) {
                Some(rec) if !forgotten(rec, now) => rec.failures.saturating_add(1),
                _ => 1,
            };
            records.insert(
                key,
                Record {
                    failures,
                    last: now,
                },
                |r| forgotten(r, now),
            );
        }
        Ok(())
    }

    /// A sign-in that succeeded: its (account, address) count is cleared, and the address
    /// gets back the one failure its attempt was counted as. The address keeps its other
    /// failures, so an attacker with one account cannot wipe the trace of guessing others.
    pub fn succeeded(&self, account: &str, client: &str) {
        let Ok(mut records) = self.records.lock() else {
            return;
        };
        let [(pair, _), (address, _)] = keys(account, client);
        records.remove(&pair);
        if let Some(rec) = records.get(&address).copied() {
            if rec.failures <= 1 {
                records.remove(&address);
            } else {
                let rec = Record {
                    failures: rec.failures - 1,
                    ..rec
                };
                records.insert(address, rec, |_| false);
            }
        }
    }

    /// Keys held (for tests and monitoring).
    pub fn len(&self) -> usize {
        self.records.lock().map_or(0, |r| r.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Estimated bytes held (see [`BoundedMap`]).
    pub fn bytes(&self) -> usize {
        self.records.lock().map_or(0, |r| r.bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_cap() {
        assert_eq!(delay_for(2, FREE_FAILURES), 0);
        assert_eq!(delay_for(3, FREE_FAILURES), 1);
        assert_eq!(delay_for(5, FREE_FAILURES), 4);
        assert_eq!(delay_for(40, FREE_FAILURES), MAX_DELAY_SECS);
    }

    #[test]
    fn refuses_until_the_delay_has_passed() {
        let limiter = LoginLimiter::new();
        let t0 = Utc::now();
        for _ in 0..FREE_FAILURES {
            assert!(limiter.attempt("a@example.org", "192.0.2.1", t0).is_ok());
        }
        assert!(matches!(
            limiter.attempt("a@example.org", "192.0.2.1", t0),
            Err(DomainError::TooManyAttempts {
                retry_after_secs: 1
            })
        ));
        assert!(limiter
            .attempt("a@example.org", "192.0.2.1", t0 + Duration::seconds(1))
            .is_ok());
        assert!(matches!(
            limiter.attempt("a@example.org", "192.0.2.1", t0 + Duration::seconds(1)),
            Err(DomainError::TooManyAttempts {
                retry_after_secs: 2
            })
        ));
        let t1 = t0 + Duration::seconds(1);
        assert!(limiter
            .attempt("other@example.org", "192.0.2.1", t1)
            .is_ok());
        assert!(
            limiter.attempt("a@example.org", "198.51.100.1", t1).is_ok(),
            "another address is not locked out"
        );
        limiter.succeeded("a@example.org", "192.0.2.1");
        assert!(limiter.attempt("a@example.org", "192.0.2.1", t1).is_ok());
    }

    #[test]
    fn successful_sign_ins_do_not_add_up_for_a_shared_address() {
        let limiter = LoginLimiter::new();
        let t0 = Utc::now();
        for i in 0..3 * ADDRESS_FREE_FAILURES {
            let account = format!("colleague{i}@example.org");
            assert!(limiter.attempt(&account, "192.0.2.1", t0).is_ok(), "{i}");
            limiter.succeeded(&account, "192.0.2.1");
        }
        assert!(limiter.is_empty());
    }

    #[test]
    fn one_address_guessing_many_accounts_is_slowed_down() {
        let limiter = LoginLimiter::new();
        let t0 = Utc::now();
        for i in 0..ADDRESS_FREE_FAILURES {
            let account = format!("user{i}@example.org");
            assert!(limiter.attempt(&account, "2001:db8:1:2::7", t0).is_ok());
        }
        // Another machine of the same /64 counts as the same client.
        assert!(limiter
            .attempt("fresh@example.org", "2001:db8:1:2:ffff::1", t0)
            .is_err());
        assert!(limiter
            .attempt("fresh@example.org", "2001:db8:1:3::1", t0)
            .is_ok());
    }

    #[test]
    fn client_addresses_are_grouped() {
        assert_eq!(client_group("192.0.2.1"), "192.0.2.1");
        assert_eq!(client_group("2001:db8:a:b:c:d:e:f"), "2001:db8:a:b::/64");
        assert_eq!(client_group("::ffff:192.0.2.1"), "192.0.2.1");
        assert_eq!(client_group(""), "");
        assert_eq!(client_group(&"x".repeat(500)).len(), MAX_CLIENT_KEY);
    }
}

#[derive(Debug, Clone, Copy)]
struct Window {
    start: DateTime<Utc>,
    count: u32,
}

impl Weigh for Window {
    fn weight(&self) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// At most `max` requests per client address (grouped, see [`client_group`]) in each window;
/// `max == 0` turns it off. Protects the public forms and private links from floods.
pub struct RateLimiter {
    max: u32,
    window_secs: i64,
    windows: Mutex<BoundedMap<Window>>,
}

impl RateLimiter {
    pub fn new(max: u32, window_secs: i64) -> Self {
        Self::with_bounds(max, window_secs, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES)
    }

    pub fn with_bounds(max: u32, window_secs: i64, max_entries: usize, max_bytes: usize) -> Self {
        Self {
            max,
            window_secs,
            windows: Mutex::new(BoundedMap::new(max_entries, max_bytes)),
        }
    }

    /// Counts one request from `client`; refuses it when the window is already full.
    pub fn hit(&self, client: &str, now: DateTime<Utc>) -> Result<(), DomainError> {
        if self.max == 0 {
            return Ok(());
        }
        let key = client_group(client);
        let mut windows = self.windows.lock().map_err(|_| DomainError::Internal)?;
        let over = |w: &Window| (now - w.start).num_seconds() >= self.window_secs;
        let window = match windows.get(&key) {
            Some(w) if !over(w) => *w,
            _ => Window {
                start: now,
                count: 0,
            },
        };
        if window.count >= self.max {
            let wait = self.window_secs - (now - window.start).num_seconds();
            return Err(DomainError::TooManyAttempts {
                retry_after_secs: u64::try_from(wait.max(1)).unwrap_or(1),
            });
        }
        let counted = Window {
            count: window.count + 1,
            ..window
        };
        windows.insert(key, counted, over);
        Ok(())
    }

    /// Addresses held (for tests and monitoring).
    pub fn len(&self) -> usize {
        self.windows.lock().map_or(0, |w| w.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Estimated bytes held (see [`BoundedMap`]).
    pub fn bytes(&self) -> usize {
        self.windows.lock().map_or(0, |w| w.bytes())
    }
}

#[cfg(test)]
mod rate_tests {
    use super::*;

    #[test]
    fn a_full_window_refuses_until_the_next() {
        let limiter = RateLimiter::new(3, 60);
        let t0 = Utc::now();
        for _ in 0..3 {
            assert!(limiter.hit("10.0.0.1", t0).is_ok());
        }
        assert!(limiter.hit("10.0.0.1", t0).is_err());
        assert!(
            limiter.hit("10.0.0.2", t0).is_ok(),
            "other addresses are not affected"
        );
        assert!(limiter.hit("10.0.0.1", t0 + Duration::seconds(61)).is_ok());
        let off = RateLimiter::new(0, 60);
        for _ in 0..1000 {
            assert!(off.hit("x", t0).is_ok());
        }
    }
}

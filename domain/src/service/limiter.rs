//! Slows down password guessing: after a few failures for one email (or one client
//! address), further attempts are refused for a delay that doubles with each failure,
//! up to a cap. The clock is passed in so tests need not sleep.
use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use crate::DomainError;

/// Failures allowed before delays start.
pub const FREE_FAILURES: u32 = 3;
/// Longest delay after repeated failures.
pub const MAX_DELAY_SECS: i64 = 15 * 60;
/// A key's failures are forgotten after this much quiet.
const FORGET_AFTER_SECS: i64 = 60 * 60;

#[derive(Debug, Clone, Copy)]
struct Record {
    failures: u32,
    last: DateTime<Utc>,
}

#[derive(Debug, Default)]
pub struct LoginLimiter {
    records: Mutex<HashMap<String, Record>>,
}

fn delay_for(failures: u32) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let exponent = (failures - FREE_FAILURES).min(20);
    (1_i64 << exponent).min(MAX_DELAY_SECS)
}

impl LoginLimiter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Refuses an attempt for any key that is still waiting out its delay.
    pub fn check(&self, keys: &[&str], now: DateTime<Utc>) -> Result<(), DomainError> {
        let records = self.records.lock().map_err(|_| DomainError::Internal)?;
        let mut wait = 0_i64;
        for key in keys {
            if let Some(rec) = records.get(*key) {
                let until = rec.last + Duration::seconds(delay_for(rec.failures));
                wait = wait.max((until - now).num_seconds());
            }
        }
        if wait > 0 {
            return Err(DomainError::TooManyAttempts {
                retry_after_secs: u64::try_from(wait).unwrap_or(1),
            });
        }
        Ok(())
    }

    pub fn record_failure(&self, keys: &[&str], now: DateTime<Utc>) {
        if let Ok(mut records) = self.records.lock() {
            if records.len() > 100_000 {
                records.retain(|_, r| (now - r.last).num_seconds() < FORGET_AFTER_SECS);
            }
            for key in keys {
                let rec = records.entry((*key).to_owned()).or_insert(Record {
                    failures: 0,
                    last: now,
                });
                if (now - rec.last).num_seconds() > FORGET_AFTER_SECS {
                    rec.failures = 0;
                }
                rec.failures += 1;
                rec.last = now;
            }
        }
    }

    pub fn record_success(&self, keys: &[&str]) {
        if let Ok(mut records) = self.records.lock() {
            for key in keys {
                records.remove(*key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_cap() {
        assert_eq!(delay_for(2), 0);
        assert_eq!(delay_for(3), 1);
        assert_eq!(delay_for(5), 4);
        assert_eq!(delay_for(40), MAX_DELAY_SECS);
    }

    #[test]
    fn refuses_until_the_delay_has_passed() {
        let limiter = LoginLimiter::new();
        let t0 = Utc::now();
        for _ in 0..5 {
            limiter.record_failure(&["a@example.org"], t0);
        }
        assert!(matches!(
            limiter.check(&["a@example.org"], t0),
            Err(DomainError::TooManyAttempts {
                retry_after_secs: 4
            })
        ));
        assert!(limiter.check(&["other@example.org"], t0).is_ok());
        assert!(limiter
            .check(&["a@example.org"], t0 + Duration::seconds(5))
            .is_ok());
        limiter.record_success(&["a@example.org"]);
        assert!(limiter.check(&["a@example.org"], t0).is_ok());
    }
}

/// At most `max` requests per key (a client address) in each window; `max == 0` turns it off.
/// Protects the public forms and private links from floods; counts are in memory.
#[derive(Debug)]
pub struct RateLimiter {
    max: u32,
    window_secs: i64,
    windows: Mutex<HashMap<String, (DateTime<Utc>, u32)>>,
}

impl RateLimiter {
    pub fn new(max: u32, window_secs: i64) -> Self {
        Self {
            max,
            window_secs,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request for `key`; refuses it when the window is already full.
    pub fn hit(&self, key: &str, now: DateTime<Utc>) -> Result<(), DomainError> {
        if self.max == 0 {
            return Ok(());
        }
        let mut windows = self.windows.lock().map_err(|_| DomainError::Internal)?;
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| (now - *start).num_seconds() < self.window_secs);
        }
        let entry = windows.entry(key.to_owned()).or_insert((now, 0));
        if (now - entry.0).num_seconds() >= self.window_secs {
            *entry = (now, 0);
        }
        if entry.1 >= self.max {
            let wait = self.window_secs - (now - entry.0).num_seconds();
            return Err(DomainError::TooManyAttempts {
                retry_after_secs: u64::try_from(wait.max(1)).unwrap_or(1),
            });
        }
        entry.1 += 1;
        Ok(())
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

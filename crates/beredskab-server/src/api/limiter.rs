//! A small guard against guessing enrollment codes: after too many refused
//! codes in a minute, everyone waits. Codes carry 80 bits, so this is about
//! load and noise more than about odds.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct FailureLimiter {
    window: Duration,
    max: usize,
    failures: Mutex<VecDeque<Instant>>,
}

impl FailureLimiter {
    pub fn new(max: usize, window: Duration) -> FailureLimiter {
        FailureLimiter {
            window,
            max,
            failures: Mutex::new(VecDeque::new()),
        }
    }

    /// Seconds to wait, if the limit is reached.
    pub fn wait(&self) -> Option<u64> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        while failures
            .front()
            .is_some_and(|t| now.duration_since(*t) > self.window)
        {
            failures.pop_front();
        }
        (failures.len() >= self.max).then(|| {
            let oldest = failures.front().copied().unwrap_or(now);
            self.window
                .saturating_sub(now.duration_since(oldest))
                .as_secs()
                .max(1)
        })
    }

    pub fn failed(&self) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.push_back(Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_failures_make_everyone_wait() {
        let limiter = FailureLimiter::new(2, Duration::from_secs(60));
        assert_eq!(limiter.wait(), None);
        limiter.failed();
        limiter.failed();
        assert!(limiter.wait().is_some_and(|s| (1..=60).contains(&s)));
    }
}

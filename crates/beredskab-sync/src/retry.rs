//! Trying again: exponential backoff with jitter (backon), honouring the
//! service's `Retry-After`, for transient failures only.

use crate::error::SyncError;
use backon::{ExponentialBuilder, Retryable};
use std::future::Future;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub min_delay: Duration,
    pub max_delay: Duration,
    /// Retries after the first attempt.
    pub max_times: usize,
    /// The longest `Retry-After` honoured; a longer one ends this run.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_times: 6,
            max_retry_after: Duration::from_secs(120),
        }
    }
}

pub async fn retrying<T, F, Fut>(policy: RetryPolicy, op: F) -> Result<T, SyncError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SyncError>>,
{
    let backoff = ExponentialBuilder::default()
        .with_min_delay(policy.min_delay)
        .with_max_delay(policy.max_delay)
        .with_max_times(policy.max_times)
        .with_jitter();
    op.retry(backoff)
        .sleep(tokio::time::sleep)
        .when(SyncError::is_transient)
        .adjust(move |error, planned| {
            // The planned wait is None once the attempts are used up: stop then.
            let planned = planned?;
            match error.retry_after() {
                Some(asked) if asked > policy.max_retry_after => None,
                Some(asked) => Some(asked.max(planned)),
                None => Some(planned),
            }
        })
        .await
}

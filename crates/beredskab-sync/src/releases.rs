//! Content from the central service: the newest signed release, verified
//! against the publisher keys this app trusts and every file's hash, refused
//! if not newer than what the laptop has had, then installed by the content
//! library's own rules. Content is public: the vault stays locked.

use crate::access::{library, LibraryAccess};
use crate::client::ServiceClient;
use crate::error::SyncError;
use crate::retry::{retrying, RetryPolicy};
use beredskab_domain::pack::PackFiles;
use beredskab_domain::views::{PackInfo, ReleaseInfo};
use beredskab_protocol::PublisherKey;
use std::sync::Arc;

/// Installs the newest release if there is a newer one; None if not.
pub async fn pull_release<L: LibraryAccess>(
    access: &Arc<L>,
    client: &ServiceClient,
    trusted: &[PublisherKey],
    policy: RetryPolicy,
) -> Result<Option<PackInfo>, SyncError> {
    let have = library(access, |l| l.release_high_water()).await?;
    let Some(release) = retrying(policy, || client.latest_release(have)).await? else {
        return Ok(None);
    };
    let files = release.verify(trusted)?;
    release.check_newer(have)?;
    let info = ReleaseInfo {
        number: release.manifest.number,
        publisher: release.manifest.publisher.clone(),
        published_at: release.manifest.published_at.to_rfc3339(),
        key_id: release.key_id.clone(),
    };
    let installed = library(access, move |l| {
        l.install_release(
            PackFiles::from_entries(files),
            info,
            beredskab_content::today(),
        )
    })
    .await?;
    Ok(Some(installed))
}

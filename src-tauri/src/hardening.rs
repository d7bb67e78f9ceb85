//! The process itself as a place keys pass through: in release builds no core
//! dump is written (a crash would put memory, keys included, on disk) and no
//! other process of the same user may attach a debugger to read it.

/// Makes this process non-dumpable (which also refuses ptrace from processes
/// without CAP_SYS_PTRACE) and sets its core-file limit to zero.
#[cfg(target_os = "linux")]
#[cfg_attr(debug_assertions, allow(dead_code))]
pub fn harden_process() {
    use rustix::process::{set_dumpable_behavior, setrlimit, DumpableBehavior, Resource, Rlimit};
    if let Err(e) = set_dumpable_behavior(DumpableBehavior::NotDumpable) {
        tracing::warn!(error = %e, "could not turn off core dumps and ptrace");
    }
    let none = Rlimit {
        current: Some(0),
        maximum: Some(0),
    };
    if let Err(e) = setrlimit(Resource::Core, none) {
        tracing::warn!(error = %e, "could not set the core-file limit to zero");
    }
}

/// Windows has no core dumps in this sense; a crash-dump policy is the
/// administrator's (see ARCHITECTURE.md).
#[cfg(not(target_os = "linux"))]
#[cfg_attr(debug_assertions, allow(dead_code))]
pub fn harden_process() {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use rustix::process::{dumpable_behavior, getrlimit, DumpableBehavior, Resource};

    #[test]
    fn the_process_is_not_dumpable_and_writes_no_core() {
        harden_process();
        assert_eq!(
            dumpable_behavior().expect("prctl"),
            DumpableBehavior::NotDumpable
        );
        let core = getrlimit(Resource::Core);
        assert_eq!((core.current, core.maximum), (Some(0), Some(0)));
    }
}

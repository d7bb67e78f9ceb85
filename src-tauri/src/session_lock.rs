//! Locks the vault when the laptop does: on suspend (logind's PrepareForSleep)
//! and when the session's screen locks (logind's Lock signal to a session), as
//! the system bus reports them. Without a system bus (a container, another OS)
//! nothing is watched and the idle lock still applies. Windows would need
//! WM_POWERBROADCAST and WTS session notifications (see ARCHITECTURE.md).

use crate::events::vault_status_changed;
use crate::state::Ctx;
use tauri::{AppHandle, Manager};
use zbus::blocking::{Connection, MessageIterator};
use zbus::message::Type as MessageType;
use zbus::MatchRule;

const MANAGER: &str = "org.freedesktop.login1.Manager";
const SESSION: &str = "org.freedesktop.login1.Session";

/// Why the vault was locked from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Suspend,
    ScreenLock,
}

/// Waits on `conn` for logind's signals and calls `on_trigger` for each
/// suspend and screen lock; returns when the connection ends.
pub fn listen(conn: &Connection, on_trigger: impl Fn(Trigger)) -> zbus::Result<()> {
    let bus = zbus::blocking::fdo::DBusProxy::new(conn)?;
    for (interface, member) in [(MANAGER, "PrepareForSleep"), (SESSION, "Lock")] {
        let rule = MatchRule::builder()
            .msg_type(MessageType::Signal)
            .interface(interface)?
            .member(member)?
            .build();
        bus.add_match_rule(rule)?;
    }
    for message in MessageIterator::from(conn).filter_map(Result::ok) {
        let header = message.header();
        let interface = header.interface().map(|i| i.as_str().to_string());
        let member = header.member().map(|m| m.as_str().to_string());
        match (interface.as_deref(), member.as_deref()) {
            // PrepareForSleep(true) comes before sleeping, (false) after waking.
            (Some(MANAGER), Some("PrepareForSleep"))
                if message.body().deserialize::<bool>().unwrap_or(false) =>
            {
                on_trigger(Trigger::Suspend)
            }
            (Some(SESSION), Some("Lock")) => on_trigger(Trigger::ScreenLock),
            _ => {}
        }
    }
    Ok(())
}

pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        let conn = match Connection::system() {
            Ok(conn) => conn,
            Err(e) => {
                tracing::info!(error = %e, "no system bus: the vault locks on idle time only");
                return;
            }
        };
        let result = listen(&conn, |trigger| {
            let ctx = app.state::<Ctx>();
            match ctx.vault_blocking(|m| m.lock()) {
                Ok(status) => {
                    tracing::info!(?trigger, "the vault locked with the laptop");
                    vault_status_changed(&app, status);
                }
                Err(e) => tracing::warn!(code = ?e.code(), "lock on suspend failed"),
            }
        });
        if let Err(e) = result {
            tracing::warn!(error = %e, "stopped watching for suspend and screen lock");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;

    /// A private message bus, stopped when dropped.
    struct Bus(std::process::Child, String);

    impl Bus {
        fn start() -> Bus {
            let mut child = Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address"])
                .stdout(Stdio::piped())
                .spawn()
                .expect("dbus-daemon (Debian package dbus-daemon)");
            let mut line = String::new();
            BufReader::new(child.stdout.take().expect("stdout"))
                .read_line(&mut line)
                .expect("address");
            Bus(child, line.trim().to_string())
        }

        fn connect(&self) -> Connection {
            zbus::blocking::connection::Builder::address(self.1.as_str())
                .expect("address")
                .build()
                .expect("connect")
        }
    }

    impl Drop for Bus {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    #[test]
    fn suspend_and_screen_lock_signals_trigger_a_lock_and_waking_does_not() {
        let bus = Bus::start();
        let listener = bus.connect();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = listen(&listener, move |t| {
                let _ = tx.send(t);
            });
        });
        std::thread::sleep(Duration::from_millis(300));
        let logind = bus.connect();
        let manager_path = "/org/freedesktop/login1";
        logind
            .emit_signal(
                None::<&str>,
                manager_path,
                MANAGER,
                "PrepareForSleep",
                &(false,),
            )
            .expect("wake");
        logind
            .emit_signal(
                None::<&str>,
                manager_path,
                MANAGER,
                "PrepareForSleep",
                &(true,),
            )
            .expect("sleep");
        logind
            .emit_signal(
                None::<&str>,
                "/org/freedesktop/login1/session/_31",
                SESSION,
                "Lock",
                &(),
            )
            .expect("lock");
        let got: Vec<Trigger> = (0..2)
            .map(|_| rx.recv_timeout(Duration::from_secs(5)).expect("a trigger"))
            .collect();
        assert_eq!(got, [Trigger::Suspend, Trigger::ScreenLock]);
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "waking locks nothing"
        );
    }
}

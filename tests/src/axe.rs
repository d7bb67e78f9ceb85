//! axe-core, run inside the real webview, for WCAG 2.1 A/AA violations.

use crate::app::{workspace_root, App};
use serde_json::Value;

const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

impl App {
    /// The violations on the current screen, as `id: targets` lines.
    pub async fn axe_violations(&self) -> Vec<String> {
        let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (npm install in ui/ brings axe-core)",
                path.display()
            )
        });
        self.run(&format!(
            "if (!window.axe) {{ {source} }} return typeof window.axe;"
        ))
        .await;
        let script = format!(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }} }})
               .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
               .catch(e => done(['axe failed: ' + e]));"
        );
        match self.run_async(&script).await {
            Value::Array(items) => items
                .into_iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect(),
            other => vec![format!("unexpected axe result: {other}")],
        }
    }
}

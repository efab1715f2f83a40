//! Flows: saved requests.

use alloc::collections::BTreeSet;
use alloc::format;

use super::Ctx;
use crate::model::diagnostic::Code;
use crate::model::kind::Kind;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    let mut names = BTreeSet::new();
    for f in &doc.flows {
        let name = f.name.as_str();
        if !names.insert(name) {
            cx.emit(
                Code::DuplicateFlowName,
                name,
                format!("two flows are named `{name}`"),
            );
        }
        let from = f.request.from.as_str();
        match cx.ix.get(from) {
            None => cx.emit(
                Code::DanglingReference,
                name,
                format!("flow `{name}` starts at `{from}`, which is not in the document"),
            ),
            Some(slot) => {
                if !matches!(slot.kind, Kind::Instance | Kind::Lambda | Kind::Subnet) {
                    cx.emit(
                        Code::FlowSource,
                        name,
                        format!(
                            "flow `{name}` starts at `{from}`, {}: requests start at an instance, network interface, task, pod, Lambda function or subnet",
                            slot.kind.a()
                        ),
                    );
                }
            }
        }
    }
}

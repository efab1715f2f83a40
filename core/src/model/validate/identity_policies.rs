//! Identity policies: one per IAM role or user.

use alloc::collections::BTreeSet;
use alloc::format;

use super::Ctx;
use crate::model::diagnostic::Code;
use crate::model::identity_policy::is_role_or_user_arn;

pub(super) fn check(cx: &mut Ctx<'_>) {
    let doc = cx.doc;
    let mut seen = BTreeSet::new();
    for p in &doc.identity_policies {
        let principal = p.principal.as_str();
        if !is_role_or_user_arn(principal) {
            cx.emit(
                Code::IdentityPolicyPrincipal,
                principal,
                format!(
                    "the identity policy for `{principal}` names no IAM role or user: use an ARN such as `arn:aws:iam::111122223333:role/app`"
                ),
            );
        }
        if !seen.insert(principal) {
            cx.emit(
                Code::DuplicateIdentityPolicy,
                principal,
                format!(
                    "two identity policies are given for `{principal}`: combine their statements into one policy"
                ),
            );
        }
    }
}

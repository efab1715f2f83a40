//! Identity-based policies: the IAM policy attached to the role or user that signs a request.
//! VPC Lattice authorizes a signed caller only when its identity policy allows the request as
//! well as the auth policies (R-AUTH-02).

use alloc::string::String;

/// The identity policy of one IAM role or user.
#[derive(Clone, Debug, PartialEq)]
pub struct IdentityPolicy {
    /// The role or user ARN, such as `arn:aws:iam::111122223333:role/app`.
    pub principal: String,
    /// IAM policy JSON, kept as written.
    pub policy: crate::json::Value,
}

crate::json_struct!(IdentityPolicy {
    principal: req,
    policy: req,
});

/// Whether `arn` names an IAM role or user: `arn:<partition>:iam::<account>:role/<name>` or
/// `…:user/<name>`, where the name may carry a path.
pub fn is_role_or_user_arn(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let name = resource
        .strip_prefix("role/")
        .or_else(|| resource.strip_prefix("user/"));
    !partition.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && name.is_some_and(|n| !n.is_empty() && !n.ends_with('/'))
        && !arn.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::is_role_or_user_arn;

    #[test]
    fn roles_and_users_are_recognised() {
        for ok in [
            "arn:aws:iam::111122223333:role/app",
            "arn:aws:iam::111122223333:user/alice",
            "arn:aws-cn:iam::111122223333:role/team/app",
        ] {
            assert!(is_role_or_user_arn(ok), "{ok}");
        }
        for bad in [
            "",
            "anonymous",
            "arn:aws:iam::111122223333:group/admins",
            "arn:aws:iam::111122223333:role/",
            "arn:aws:iam::1111:role/app",
            "arn:aws:iam:us-east-1:111122223333:role/app",
            "arn:aws:sts::111122223333:assumed-role/app/session",
            "arn:aws:s3:::bucket",
            "arn::iam::111122223333:role/app",
            "arn:aws:iam::111122223333:role/my app",
        ] {
            assert!(!is_role_or_user_arn(bad), "{bad}");
        }
    }
}

//! Typed object ids: a `VpcId` cannot be passed where a `SubnetId` is expected.
//!
//! Every id is checked once, when the document is read: it is not empty, at most
//! [`MAX_ID_LEN`] bytes long, and holds no whitespace or control characters.

use alloc::string::String;
use core::fmt;

/// The longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// Why a piece of text is not an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdError {
    /// The text is empty.
    Empty,
    /// The text is longer than [`MAX_ID_LEN`] bytes.
    TooLong { len: usize },
    /// The text holds whitespace or a control character.
    BadCharacter { input: String },
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("an id must not be empty"),
            Self::TooLong { len } => write!(
                f,
                "an id is at most {MAX_ID_LEN} characters long, this one has {len}"
            ),
            Self::BadCharacter { input } => write!(
                f,
                "`{input}` is not a valid id: ids hold no spaces or control characters"
            ),
        }
    }
}

impl core::error::Error for IdError {}

/// Checks the text of an id.
pub fn check_id(text: &str) -> Result<(), IdError> {
    if text.is_empty() {
        return Err(IdError::Empty);
    }
    if text.len() > MAX_ID_LEN {
        return Err(IdError::TooLong { len: text.len() });
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(IdError::BadCharacter {
            input: text.chars().take(MAX_ID_LEN).collect(),
        });
    }
    Ok(())
}

/// Reads the text of an id and checks it; one function for every kind of id.
fn read_id(node: crate::json::Node) -> Result<String, crate::json::JsonError> {
    let (pos, text) = crate::model::codec::text(node, "an id in quotes")?;
    match check_id(&text) {
        Ok(()) => Ok(text),
        Err(e) => Err(crate::model::codec::invalid(
            pos,
            alloc::string::ToString::to_string(&e),
        )),
    }
}

macro_rules! typed_id {
    ($(#[$doc:meta] $name:ident),+ $(,)?) => {$(
        #[$doc]
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks `text` and wraps it.
            pub fn new(text: impl Into<String>) -> Result<Self, IdError> {
                let text = text.into();
                check_id(&text)?;
                Ok(Self(text))
            }

            /// The id as written in the document.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(text: String) -> Result<Self, IdError> {
                Self::new(text)
            }
        }

        impl crate::model::codec::ToJson for $name {
            fn write_json(&self, out: &mut String) {
                crate::json::write::string(out, &self.0);
            }
        }

        impl crate::model::codec::FromJson for $name {
            fn from_json(node: crate::json::Node) -> Result<Self, crate::json::JsonError> {
                read_id(node).map(Self)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl core::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )+};
}

typed_id! {
    /// An AWS account, such as `111122223333`.
    AccountId,
    /// A Region, such as `us-east-1`.
    RegionId,
    /// An Availability Zone id (the same in every account), such as `use1-az1`.
    ZoneId,
    /// A VPC.
    VpcId,
    /// A subnet.
    SubnetId,
    /// A route table.
    RouteTableId,
    /// An internet gateway.
    InternetGatewayId,
    /// A NAT gateway.
    NatGatewayId,
    /// A VPC peering connection.
    PeeringId,
    /// A security group.
    SecurityGroupId,
    /// A customer-managed prefix list, or the name of an AWS-managed one.
    PrefixListId,
    /// An instance, network interface, ECS task or EKS pod.
    InstanceId,
    /// A Lambda function.
    LambdaId,
    /// An RDS database.
    DatabaseId,
    /// An application, network or gateway load balancer.
    LoadBalancerId,
    /// A gateway VPC endpoint.
    GatewayEndpointId,
    /// An interface VPC endpoint.
    InterfaceEndpointId,
    /// An endpoint service (the provider side of PrivateLink).
    EndpointServiceId,
    /// A VPC Lattice service network.
    ServiceNetworkId,
    /// The association of a VPC with a service network.
    VpcAssociationId,
    /// The association of a service with a service network.
    ServiceAssociationId,
    /// The association of a resource configuration with a service network.
    ResourceAssociationId,
    /// A service-network VPC endpoint.
    ServiceNetworkEndpointId,
    /// A VPC Lattice service.
    ServiceId,
    /// A listener of a VPC Lattice service.
    ListenerId,
    /// A listener rule.
    RuleId,
    /// A VPC Lattice target group.
    TargetGroupId,
    /// A resource gateway.
    ResourceGatewayId,
    /// A resource configuration.
    ResourceConfigurationId,
    /// A resource VPC endpoint.
    ResourceEndpointId,
    /// Any object, when the kind is not known yet (a flow's source).
    ObjectId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(VpcId::new("vpc-a").is_ok());
        assert_eq!(VpcId::new(""), Err(IdError::Empty));
        assert!(matches!(
            VpcId::new("a b"),
            Err(IdError::BadCharacter { .. })
        ));
        let long = "x".repeat(MAX_ID_LEN + 1);
        assert!(matches!(VpcId::new(long), Err(IdError::TooLong { .. })));
    }
}

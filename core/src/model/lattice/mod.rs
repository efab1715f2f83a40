//! VPC Lattice: service networks and their associations, services, listeners and rules, and
//! target groups.

pub mod listener;
pub mod service;
pub mod service_network;
pub mod target_group;

pub use listener::{
    Action, FixedResponse, HeaderMatch, Listener, ListenerProtocol, PathMatch, Rule, RuleMatch,
    StringMatch, WeightedTarget,
};
pub use service::Service;
pub use service_network::{
    AuthType, ResourceAssociation, ServiceAssociation, ServiceNetwork, ServiceNetworkEndpoint,
    VpcAssociation,
};
pub use target_group::{
    HealthCheck, Target, TargetGroup, TargetGroupProtocol, TargetHealth, TargetRef, TargetType,
};

//! Edits as a person makes them on the canvas, checked against the document and its validation.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::*;
use crate::model::common::Position;
use crate::model::{Document, Kind, load, validate};

fn at(x: f64, y: f64) -> Position {
    Position { x, y }
}

fn errors(doc: &Document) -> Vec<String> {
    validate(doc)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

/// A VPC with one subnet and one instance, built from the palette.
fn small() -> (Document, String, String, String) {
    let mut doc = Document::new();
    let vpc = create(&mut doc, Kind::Vpc, at(10.0, 10.0), None).unwrap();
    let subnet = create(&mut doc, Kind::Subnet, at(30.0, 60.0), Some(&vpc)).unwrap();
    let inst = create(&mut doc, Kind::Instance, at(50.0, 90.0), Some(&subnet)).unwrap();
    (doc, vpc, subnet, inst)
}

#[test]
fn a_vpc_subnet_and_instance_from_the_palette_are_valid() {
    let (doc, vpc, subnet, inst) = small();
    assert_eq!(
        (vpc.as_str(), subnet.as_str(), inst.as_str()),
        ("vpc-1", "subnet-1", "i-1")
    );
    assert_eq!(errors(&doc), Vec::<String>::new());
    assert_eq!(doc.vpcs[0].cidrs[0].to_string(), "10.0.0.0/16");
    assert_eq!(doc.subnets[0].cidr.to_string(), "10.0.0.0/24");
    assert_eq!(parent_of(&doc, &inst).as_deref(), Some("subnet-1"));
    assert_eq!(parent_of(&doc, &subnet).as_deref(), Some("vpc-1"));
    assert_eq!(parent_of(&doc, &vpc), None);
}

#[test]
fn new_address_blocks_never_overlap_and_zones_alternate() {
    let (mut doc, vpc, _, _) = small();
    let s2 = create(&mut doc, Kind::Subnet, at(0.0, 0.0), Some(&vpc)).unwrap();
    let v2 = create(&mut doc, Kind::Vpc, at(0.0, 0.0), None).unwrap();
    let s2b = doc.subnets.iter().find(|s| s.id.as_str() == s2).unwrap();
    assert_eq!(s2b.cidr.to_string(), "10.0.1.0/24");
    assert_ne!(doc.subnets[0].zone, s2b.zone);
    let v2b = doc.vpcs.iter().find(|v| v.id.as_str() == v2).unwrap();
    assert_eq!(v2b.cidrs[0].to_string(), "10.1.0.0/16");
    assert_eq!(errors(&doc), Vec::<String>::new());
}

#[test]
fn every_palette_kind_can_be_created_and_the_document_still_loads() {
    let (mut doc, vpc, subnet, _) = small();
    create(&mut doc, Kind::ServiceNetwork, at(500.0, 0.0), None).unwrap();
    create(
        &mut doc,
        Kind::ResourceConfiguration,
        at(500.0, 200.0),
        None,
    )
    .unwrap();
    for item in PALETTE {
        let container = match item.containers {
            [Kind::Vpc] => Some(vpc.as_str()),
            [Kind::Subnet] => Some(subnet.as_str()),
            _ => None,
        };
        let id = create(&mut doc, item.kind, at(1.0, 2.0), container)
            .unwrap_or_else(|e| panic!("creating a {}: {e}", item.name));
        assert_eq!(position_of(&doc, &id), Some(at(1.0, 2.0)), "{}", item.name);
    }
    let again = load(&doc.to_json()).expect("the edited document loads");
    assert_eq!(again, doc);
}

#[test]
fn containers_are_enforced_with_reasons() {
    let (mut doc, vpc, _, _) = small();
    let e = create(&mut doc, Kind::Subnet, at(0.0, 0.0), None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "a subnet goes inside a VPC: drop it onto one"
    );
    let e = create(&mut doc, Kind::Instance, at(0.0, 0.0), Some(&vpc)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "an instance cannot go inside a VPC: it goes inside a subnet"
    );
    let e = create(&mut doc, Kind::Instance, at(0.0, 0.0), Some("nope")).unwrap_err();
    assert_eq!(e.to_string(), "no object has the id `nope`");
    let e = create(&mut doc, Kind::Listener, at(0.0, 0.0), None).unwrap_err();
    assert!(matches!(e, EditError::NotDrawable { .. }));
    // A free-standing kind ignores the container it was dropped on.
    let sn = create(&mut doc, Kind::ServiceNetwork, at(0.0, 0.0), Some(&vpc)).unwrap();
    assert_eq!(parent_of(&doc, &sn), None);
}

/// The Lattice path a person builds in the editor: VPC → service network → service → target
/// group → instance.
#[test]
fn connections_build_a_lattice_path() {
    let (mut doc, vpc, _, inst) = small();
    let sn = create(&mut doc, Kind::ServiceNetwork, at(400.0, 0.0), None).unwrap();
    let svc = create(&mut doc, Kind::Service, at(600.0, 0.0), None).unwrap();
    let tg = create(&mut doc, Kind::TargetGroup, at(800.0, 0.0), None).unwrap();
    let c = connect(&mut doc, &vpc, &sn).unwrap();
    assert_eq!(c.created.as_deref(), Some("snva-1"));
    // Either drag direction makes the same association.
    connect(&mut doc, &sn, &svc).unwrap();
    let c = connect(&mut doc, &svc, &tg).unwrap();
    assert_eq!(c.created.as_deref(), Some("listener-1"));
    connect(&mut doc, &inst, &tg).unwrap();
    assert_eq!(doc.vpc_associations.len(), 1);
    assert_eq!(doc.service_associations.len(), 1);
    assert_eq!(doc.services[0].listeners.len(), 1);
    assert_eq!(doc.target_groups[0].targets.len(), 1);
    let drawn: Vec<(String, String, &str)> = links(&doc)
        .into_iter()
        .map(|l| (l.from, l.to, l.kind.as_str()))
        .collect();
    assert_eq!(
        drawn,
        [
            ("vpc-1".to_string(), "sn-1".to_string(), "association"),
            ("svc-1".to_string(), "sn-1".to_string(), "association"),
            ("svc-1".to_string(), "tg-1".to_string(), "forward"),
            ("tg-1".to_string(), "i-1".to_string(), "target"),
        ]
    );
    assert!(matches!(
        connect(&mut doc, &tg, &inst),
        Err(EditError::AlreadyConnected { .. })
    ));
    let again = load(&doc.to_json()).unwrap();
    assert_eq!(again, doc);
}

#[test]
fn connections_the_model_forbids_say_why() {
    let (mut doc, vpc, subnet, inst) = small();
    let sn1 = create(&mut doc, Kind::ServiceNetwork, at(0.0, 0.0), None).unwrap();
    let sn2 = create(&mut doc, Kind::ServiceNetwork, at(0.0, 0.0), None).unwrap();
    connect(&mut doc, &vpc, &sn1).unwrap();
    let e = connect(&mut doc, &vpc, &sn2).unwrap_err().to_string();
    assert!(
        e.contains("at most one direct service-network association (R-SN-01)"),
        "{e}"
    );

    let e = connect(&mut doc, &subnet, &inst).unwrap_err().to_string();
    assert_eq!(
        e,
        "a subnet does not connect to an instance: a subnet connects to its route table"
    );
    let e = connect(&mut doc, &vpc, &vpc).unwrap_err().to_string();
    assert_eq!(e, "an object cannot be connected to itself");

    let lambda_tg = create(&mut doc, Kind::TargetGroup, at(0.0, 0.0), None).unwrap();
    doc.target_groups[0].kind = crate::model::lattice::TargetType::Lambda;
    let f1 = create(&mut doc, Kind::Lambda, at(0.0, 0.0), None).unwrap();
    let f2 = create(&mut doc, Kind::Lambda, at(0.0, 0.0), None).unwrap();
    connect(&mut doc, &lambda_tg, &f1).unwrap();
    let e = connect(&mut doc, &lambda_tg, &f2).unwrap_err().to_string();
    assert!(e.contains("exactly one (R-TG-04)"), "{e}");
    let e = connect(&mut doc, &lambda_tg, &inst)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("type LAMBDA: it takes one Lambda function"),
        "{e}"
    );

    let nlb = create(&mut doc, Kind::LoadBalancer, at(0.0, 0.0), Some(&vpc)).unwrap();
    doc.load_balancers[0].kind = crate::model::load_balancer::LoadBalancerType::Nlb;
    let alb_tg = create(&mut doc, Kind::TargetGroup, at(0.0, 0.0), None).unwrap();
    doc.target_groups[1].kind = crate::model::lattice::TargetType::Alb;
    let e = connect(&mut doc, &alb_tg, &nlb).unwrap_err().to_string();
    assert!(e.contains("only an ALB can be a target (R-TG-01)"), "{e}");
    // …but an NLB is exactly what an endpoint service fronts.
    let eps = create(&mut doc, Kind::EndpointService, at(0.0, 0.0), None).unwrap();
    connect(&mut doc, &eps, &nlb).unwrap();
}

#[test]
fn moving_a_container_moves_what_it_holds() {
    let (mut doc, vpc, subnet, inst) = small();
    let lonely = create(&mut doc, Kind::ServiceNetwork, at(0.0, 0.0), None).unwrap();
    assert_eq!(move_by(&mut doc, &[&vpc], 5.0, -5.0), 3);
    assert_eq!(position_of(&doc, &vpc), Some(at(15.0, 5.0)));
    assert_eq!(position_of(&doc, &subnet), Some(at(35.0, 55.0)));
    assert_eq!(position_of(&doc, &inst), Some(at(55.0, 85.0)));
    assert_eq!(position_of(&doc, &lonely), Some(at(0.0, 0.0)));
    assert_eq!(children(&doc, &vpc), ["subnet-1"]);
    set_position(&mut doc, &inst, at(1.0, 1.0)).unwrap();
    assert_eq!(position_of(&doc, &inst), Some(at(1.0, 1.0)));
    assert!(set_position(&mut doc, "nope", at(0.0, 0.0)).is_err());
}

#[test]
fn deleting_a_vpc_removes_what_hangs_on_it() {
    let (mut doc, vpc, _, inst) = small();
    let sn = create(&mut doc, Kind::ServiceNetwork, at(0.0, 0.0), None).unwrap();
    let tg = create(&mut doc, Kind::TargetGroup, at(0.0, 0.0), None).unwrap();
    let other = create(&mut doc, Kind::Vpc, at(0.0, 0.0), None).unwrap();
    connect(&mut doc, &vpc, &sn).unwrap();
    connect(&mut doc, &tg, &inst).unwrap();
    connect(&mut doc, &vpc, &other).unwrap();
    let mut gone = delete(&mut doc, &[&vpc]);
    gone.sort();
    assert_eq!(gone, ["i-1", "subnet-1", "vpc-1"]);
    assert!(doc.vpc_associations.is_empty());
    assert!(doc.peerings.is_empty());
    assert!(doc.target_groups[0].targets.is_empty());
    assert_eq!(doc.vpcs.len(), 1);
    // The target group lost its VPC: validation says so, on the target group.
    assert_eq!(
        errors(&doc),
        [
            "error[target_group_shape] tg-1: target group `tg-1` of type `instance` needs a `vpc`, a `protocol` and a `port`"
        ]
    );
}

#[test]
fn an_object_round_trips_through_its_json_and_bad_json_is_refused() {
    let (mut doc, vpc, _, _) = small();
    let text = object_json(&doc, &vpc).unwrap();
    assert!(
        text.contains("\"cidrs\": [\n    \"10.0.0.0/16\"\n  ]"),
        "{text}"
    );
    let edited = text.replace("10.0.0.0/16", "10.9.0.0/16");
    replace_object(&mut doc, &vpc, &edited).unwrap();
    assert_eq!(doc.vpcs[0].cidrs[0].to_string(), "10.9.0.0/16");

    let before = doc.clone();
    let e = replace_object(&mut doc, &vpc, &text.replace("10.0.0.0/16", "10.0.0.7/16"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("`10.0.0.7/16` has host bits set"), "{e}");
    let e = replace_object(&mut doc, &vpc, &text.replace("vpc-1", "vpc-9"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("the id must stay `vpc-1`"), "{e}");
    let e = replace_object(&mut doc, &vpc, "{").unwrap_err().to_string();
    assert!(e.contains("line 1"), "{e}");
    assert_eq!(doc, before, "a refused edit changes nothing");
}

#[test]
fn fields_are_set_through_the_document_format() {
    let (mut doc, vpc, subnet, _) = small();
    set_field(&mut doc, &subnet, "cidr", Some(crate::json!("10.0.7.0/24"))).unwrap();
    assert_eq!(doc.subnets[0].cidr.to_string(), "10.0.7.0/24");
    assert_eq!(
        field(&doc, &subnet, "cidr").unwrap(),
        Some(crate::json!("10.0.7.0/24"))
    );
    let before = doc.clone();
    let e = set_field(&mut doc, &subnet, "cidr", Some(crate::json!("10.0.7.0/33")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("`10.0.7.0/33` is not a CIDR block"), "{e}");
    assert!(
        !e.contains(" at line "),
        "no position inside text nobody typed: {e}"
    );
    assert!(set_field(&mut doc, &vpc, "id", Some(crate::json!("x"))).is_err());
    assert_eq!(doc, before);
    set_field(&mut doc, &vpc, "name", Some(crate::json!("shop"))).unwrap();
    set_field(&mut doc, &vpc, "name", None).unwrap();
    assert_eq!(field(&doc, &vpc, "name").unwrap(), None);
}

#[test]
fn duplicates_get_fresh_ids_places_and_address_blocks() {
    let (mut doc, vpc, subnet, inst) = small();
    let v2 = duplicate(&mut doc, &vpc).unwrap();
    let s2 = duplicate(&mut doc, &subnet).unwrap();
    let i2 = duplicate(&mut doc, &inst).unwrap();
    assert_eq!(
        (v2.as_str(), s2.as_str(), i2.as_str()),
        ("vpc-2", "subnet-2", "i-2")
    );
    assert_eq!(position_of(&doc, &i2), Some(at(74.0, 114.0)));
    assert_eq!(parent_of(&doc, &s2).as_deref(), Some("vpc-1"));
    assert_eq!(doc.vpcs[1].cidrs[0].to_string(), "10.1.0.0/16");
    assert_eq!(doc.subnets[1].cidr.to_string(), "10.0.1.0/24");
    assert_eq!(errors(&doc), Vec::<String>::new());
}

#[test]
fn field_reads_the_created_subnet() {
    let (doc, _, subnet, _) = small();
    assert_eq!(
        field(&doc, &subnet, "cidr").unwrap(),
        Some(crate::json!("10.0.0.0/24"))
    );
}

#[test]
fn objects_move_between_containers_the_model_allows() {
    let (mut doc, vpc, _, inst) = small();
    let s2 = create(&mut doc, Kind::Subnet, at(300.0, 60.0), Some(&vpc)).unwrap();
    reparent(&mut doc, &inst, &s2).unwrap();
    assert_eq!(parent_of(&doc, &inst).as_deref(), Some(s2.as_str()));
    let e = reparent(&mut doc, &inst, &vpc).unwrap_err().to_string();
    assert_eq!(
        e,
        "an instance cannot go inside a VPC: it goes inside a subnet"
    );
    let v2 = create(&mut doc, Kind::Vpc, at(900.0, 0.0), None).unwrap();
    reparent(&mut doc, &s2, &v2).unwrap();
    // The instance came along; the subnet's block now lies outside its VPC, and validation says so.
    assert_eq!(parent_of(&doc, &inst).as_deref(), Some(s2.as_str()));
    assert!(
        errors(&doc)
            .iter()
            .any(|e| e.contains("subnet_outside_vpc")),
        "{:?}",
        errors(&doc)
    );
}

#[test]
fn placed_and_set_positions_read_and_write_every_object_in_one_walk() {
    let (mut doc, vpc, subnet, inst) = small();
    let all = placed(&doc);
    assert_eq!(all.len(), drawn(&doc).len());
    for (id, kind, parent, at) in &all {
        assert!(drawn(&doc).contains(&(id.clone(), *kind, parent.clone())));
        assert_eq!(*at, position_of(&doc, id));
    }
    let places = [
        (vpc.clone(), at(100.0, 100.0)),
        (inst.clone(), at(150.0, 190.0)),
        ("no-such-object".to_string(), at(0.0, 0.0)),
    ];
    assert_eq!(set_positions(&mut doc, &places), 2);
    assert_eq!(position_of(&doc, &vpc), Some(at(100.0, 100.0)));
    assert_eq!(position_of(&doc, &inst), Some(at(150.0, 190.0)));
    assert_ne!(position_of(&doc, &subnet), Some(at(100.0, 100.0)));
}

#[test]
fn object_count_counts_every_object_drawn_or_not() {
    let (mut doc, vpc, _, _) = small();
    assert_eq!(doc.object_count(), drawn(&doc).len());
    let sn = create(&mut doc, Kind::ServiceNetwork, at(500.0, 0.0), None).unwrap();
    connect(&mut doc, &vpc, &sn).unwrap();
    // The association is not drawn as an object, but it is one.
    assert_eq!(doc.object_count(), drawn(&doc).len() + 1);
}

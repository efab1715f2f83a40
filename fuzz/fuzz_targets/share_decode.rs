//! A link from anywhere must never panic: it opens or is refused with a message, and whatever
//! opens travels as a link again and comes back the same.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vpcplay_core::share::{decode, encode};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match decode(&text) {
        Ok(doc) => {
            if let Ok(fragment) = encode(&doc) {
                let again = decode(&fragment).map_err(|e| e.to_string());
                assert_eq!(again.as_ref(), Ok(&doc), "a link made by encode does not open");
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("the "), "{message}");
        }
    }
});

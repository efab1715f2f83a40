//! Sharing: the whole topology in the address's fragment (`#2…`, written by the core's
//! `share` codec), a Share button that copies it, and opening such a link as a document of its
//! own, beside the reader's saved work. No server is involved: the fragment never leaves the
//! browser when the page loads.

use leptos::prelude::*;
use vpcplay_core::model::Document;
use vpcplay_core::share;
use wasm_bindgen::JsCast;

use crate::panels::toolbar::fit_to_view;
use crate::state::{Editor, Tone};

/// Links longer than this are cut by some chat tools, mail clients and browsers.
pub const LONG_LINK: usize = 8_000;

/// The page's address without its fragment.
fn page_address() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(
        href.split_once('#')
            .map_or(href.clone(), |(page, _)| page.to_string()),
    )
}

/// The link to the current document, or why there is none.
pub fn current_link(ed: Editor) -> Result<String, String> {
    let fragment = ed
        .doc
        .with_untracked(share::encode)
        .map_err(|e| e.to_string())?;
    let base = page_address().unwrap_or_else(|| share::DEFAULT_BASE_URL.to_string());
    // A link opens the shared topology, not an example the page was opened on.
    let base = base
        .split_once('?')
        .map_or(base.clone(), |(page, _)| page.to_string());
    Ok(share::link(&base, &fragment))
}

/// What the status line says about a link of `chars` characters.
pub fn link_words(chars: usize) -> String {
    if chars > LONG_LINK {
        format!(
            "a link of {chars} characters, longer than {LONG_LINK}: some chat tools and browsers cut links that long, so export the file to be sure"
        )
    } else {
        format!("a link of {chars} characters")
    }
}

/// Opens the topology in the page's fragment, if there is one, as a document of its own. A link
/// that cannot be read says why and opens nothing.
pub fn open_from_address(ed: Editor) {
    let Some(hash) = web_sys::window().and_then(|w| w.location().hash().ok()) else {
        return;
    };
    let fragment = hash.trim_start_matches('#');
    if fragment.is_empty() {
        return;
    }
    let fragment = unescape(fragment);
    leptos::task::spawn_local(async move {
        match decode(&fragment).await {
            Ok(doc) => {
                let title = doc.name.clone().unwrap_or_else(|| String::from("untitled"));
                ed.open_scratch(doc);
                ed.scratch.set(Some(format!("Shared topology “{title}”")));
                ed.say(Tone::Info, format!("opened the shared topology “{title}”"));
                request_animation_frame(move || fit_to_view(ed));
            }
            Err(e) => ed.say(
                Tone::Error,
                format!("this link cannot be opened: {e}. Your own topology is shown instead"),
            ),
        }
    });
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export async function inflateRaw(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    let step;
    try { step = await reader.read(); } catch { throw 'damaged'; }
    if (step.done) break;
    size += step.value.length;
    if (size > limit) { reader.cancel(); throw 'large'; }
    parts.push(step.value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}"#)]
extern "C" {
    /// Raw inflate by the browser's own `DecompressionStream`, which stops reading past `limit`
    /// bytes of output; throws `'damaged'` or `'large'`.
    #[wasm_bindgen(js_name = inflateRaw, catch)]
    async fn inflate_raw(
        bytes: &[u8],
        limit: f64,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// [`share::decode`] with the browser's inflater instead of the core's, which keeps an inflater
/// out of the download. A format 2 link refers back into a preset dictionary, which
/// `DecompressionStream` does not take: the dictionary goes first, as a stored block of the same
/// stream, and is cut off the output.
pub async fn decode(fragment: &str) -> Result<Document, share::ShareDecodeError> {
    let sealed = share::unwrap(fragment)?;
    let dictionary = sealed.dictionary;
    let mut stream = Vec::with_capacity(5 + dictionary.len() + sealed.deflated.len());
    if !dictionary.is_empty() {
        // A stored block, not the last: its header byte, then LEN and its one's complement.
        let len = dictionary.len() as u16;
        stream.push(0);
        stream.extend_from_slice(&len.to_le_bytes());
        stream.extend_from_slice(&(!len).to_le_bytes());
        stream.extend_from_slice(dictionary);
    }
    stream.extend_from_slice(&sealed.deflated);
    let limit = (dictionary.len() + share::MAX_TOPOLOGY_BYTES) as f64;
    let inflated = match inflate_raw(&stream, limit).await {
        Ok(bytes) => js_sys::Uint8Array::from(bytes).to_vec(),
        Err(why) if why.as_string().as_deref() == Some("large") => {
            return Err(share::ShareDecodeError::TooLarge);
        }
        Err(_) => return Err(share::ShareDecodeError::Damaged),
    };
    let Some(inflated) = inflated.get(dictionary.len()..) else {
        return Err(share::ShareDecodeError::Damaged);
    };
    share::open_inflated(dictionary, inflated.to_vec())
}

/// Undoes percent-escapes (`%2D`), which some tools add to a link's fragment; a link written
/// by the codec has none.
fn unescape(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes.get(i),
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (Some(b'%'), Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (Some(b), ..) => {
                out.push(*b);
                i += 1;
            }
            _ => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Copies `text` to the clipboard; the result says whether the browser allowed it.
async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The Share button and the link it made, ready to copy by hand when the clipboard is closed.
#[component]
pub fn ShareButton() -> impl IntoView {
    let ed = Editor::get();
    let link = RwSignal::new(None::<String>);
    let make = move |_| match current_link(ed) {
        Ok(url) => {
            let words = link_words(url.chars().count());
            link.set(Some(url.clone()));
            leptos::task::spawn_local(async move {
                if copy(&url).await {
                    ed.say(Tone::Info, format!("copied {words}"));
                } else {
                    ed.say(
                        Tone::Info,
                        format!("made {words}; the browser kept the clipboard closed, so copy it from the box"),
                    );
                }
            });
        }
        Err(e) => ed.say(
            Tone::Error,
            format!("this topology cannot be shared as a link: {e}"),
        ),
    };
    view! {
        <button data-action="share" title="Copy a link that holds this whole topology" on:click=make>"Share"</button>
        <div class="share-box" hidden=move || link.with(Option::is_none)>
            <label>
                <span class="muted">{move || link.with(|l| l.as_ref().map(|l| format!("Link ({} characters)", l.chars().count())))}</span>
                <input
                    type="text"
                    readonly
                    data-share-link=""
                    prop:value=move || link.get().unwrap_or_default()
                    on:focus=move |ev| {
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }
                />
            </label>
            <button type="button" class="small" data-action="close-share" on:click=move |_| link.set(None)>"Close"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_undone_and_plain_text_kept() {
        assert_eq!(unescape("1eJz%2Dab"), "1eJz-ab");
        assert_eq!(unescape("1eJz-ab_"), "1eJz-ab_");
        assert_eq!(unescape("%zz%4"), "%zz%4");
    }

    #[test]
    fn a_long_link_says_so() {
        assert_eq!(link_words(120), "a link of 120 characters");
        assert!(link_words(9_000).contains("longer than 8000"));
    }
}

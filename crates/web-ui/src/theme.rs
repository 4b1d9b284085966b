//! Applies an organization's accent colour as CSS variables, picking a text colour that keeps
//! at least 4.5:1 contrast on it whatever colour the agency chose.

use shared_types::validate;

/// The accent used when an organization has none, or an invalid one.
pub const DEFAULT_ACCENT: &str = "#1f4fbf";

/// Set `--accent` and `--accent-text` on `<html>`. Invalid colours fall back to the default so
/// nothing unchecked reaches the stylesheet.
pub fn apply_accent(color: &str) {
    let color = if validate::hex_color(color).is_ok() {
        color
    } else {
        DEFAULT_ACCENT
    };
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let text = text_on(color);
    if let Some(style) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&root)
        .map(web_sys::HtmlElement::style)
    {
        // Failing to set a custom property only leaves the default theme in place.
        let _ = style.set_property("--accent", color);
        let _ = style.set_property("--accent-text", text);
    }
}

/// Points the page's icon (`<link rel="icon">`, created when missing) at `href`.
pub fn set_favicon(href: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let link = match document.query_selector("link[rel='icon']").ok().flatten() {
        Some(link) => link,
        None => {
            let Ok(link) = document.create_element("link") else {
                return;
            };
            let _ = link.set_attribute("rel", "icon");
            if let Some(head) = document.head() {
                let _ = head.append_child(&link);
            }
            link
        }
    };
    let _ = link.set_attribute("type", "image/png");
    let _ = link.set_attribute("href", href);
}

/// Black or white, whichever contrasts more with `#rrggbb`.
pub fn text_on(color: &str) -> &'static str {
    let l = luminance(color);
    // Contrast with white: 1.05 / (l + 0.05); with black: (l + 0.05) / 0.05.
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
        "#ffffff"
    } else {
        "#000000"
    }
}

fn luminance(color: &str) -> f64 {
    let channel = |i: usize| {
        let v = color
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0);
        if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

#[cfg(test)]
mod tests {
    use super::text_on;

    #[test]
    fn picks_readable_text() {
        assert_eq!(text_on("#1f4fbf"), "#ffffff");
        assert_eq!(text_on("#ffdd00"), "#000000");
        assert_eq!(text_on("#000000"), "#ffffff");
    }
}

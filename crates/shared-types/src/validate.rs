//! Input rules both sides apply: the SPA to show a message early, the server as the authority.

/// Shortest and longest password accepted (DESIGN.md §4).
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;
pub const NAME_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;

/// Normalises an email address for storage and lookup: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A page to return to after signing in (`?next=` on the sign-in page, `next` in an emailed
/// link): only a path inside the app served at `base` (`/portal`, `/staff`), so a crafted link
/// can never send anyone to another site: no scheme, no `//`, no backslash, no control
/// characters, at most 512 bytes.
pub fn return_path<'a>(next: &'a str, base: &str) -> Option<&'a str> {
    let inside = next.strip_prefix(base)?.starts_with('/');
    let clean = next.len() <= 512
        && !next.contains("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    (inside && clean).then_some(next)
}

/// A deliberately plain check: one `@`, a non-empty local part, a dotted domain, no spaces.
/// Deliverability is proven by the invitation email, not by a regex.
pub fn email(email: &str) -> Result<(), &'static str> {
    let email = email.trim();
    if email.is_empty() {
        return Err("Enter an email address.");
    }
    if email.len() > EMAIL_MAX {
        return Err("That email address is too long.");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err("Enter a valid email address, like name@example.com.");
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err("Enter a valid email address, like name@example.com.")
    }
}

/// Length rules only; the server additionally refuses common passwords.
pub fn password(password: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Err("Use at least 12 characters.")
    } else if n > PASSWORD_MAX {
        Err("Use at most 128 characters.")
    } else {
        Ok(())
    }
}

/// A display name: required, trimmed, bounded, no control characters.
pub fn name(name: &str) -> Result<(), &'static str> {
    short_text(
        name,
        "Enter a name.",
        "Remove control characters from the name.",
    )
}

/// The title of an approval, milestone or task: the same rules as `name`, in the field's words.
pub fn title(title: &str) -> Result<(), &'static str> {
    short_text(
        title,
        "Enter a title.",
        "Remove control characters from the title.",
    )
}

fn short_text(text: &str, empty: &'static str, control: &'static str) -> Result<(), &'static str> {
    let text = text.trim();
    if text.is_empty() {
        Err(empty)
    } else if text.chars().count() > NAME_MAX {
        Err("Use at most 200 characters.")
    } else if text.chars().any(char::is_control) {
        Err(control)
    } else {
        Ok(())
    }
}

/// `#rrggbb` accent colours only, so the value is safe to drop into CSS.
pub fn hex_color(color: &str) -> Result<(), &'static str> {
    let ok = color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Ok(())
    } else {
        Err("Use a colour like #3355ff.")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_is_asked_for_as_a_title() {
        assert_eq!(super::title(" "), Err("Enter a title."));
        assert_eq!(super::name(""), Err("Enter a name."));
        assert_eq!(super::title("Poster v2"), Ok(()));
        assert_eq!(
            super::title(&"x".repeat(201)),
            Err("Use at most 200 characters.")
        );
    }

    #[test]
    fn only_paths_inside_the_app_are_places_to_return_to() {
        let ok = |n| return_path(n, "/portal");
        assert_eq!(
            ok("/portal/approvals/a1?tab=2"),
            Some("/portal/approvals/a1?tab=2")
        );
        assert_eq!(ok("/portal/"), Some("/portal/"));
        for bad in [
            "https://evil.example/portal/",
            "//evil.example",
            "/portal//evil.example",
            "/portalx",
            "/portal",
            "/staff/clients",
            "/portal/\\evil",
            "/portal/a\nb",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(ok(bad), None, "{bad}");
        }
        assert_eq!(ok(&format!("/portal/{}", "a".repeat(600))), None);
    }

    use super::*;

    #[test]
    fn emails() {
        assert!(email("ana@studio.example").is_ok());
        assert!(email(" ana@studio.example ").is_ok());
        for bad in [
            "", "ana", "ana@", "@x.io", "a@b", "a b@c.io", "a@@b.io", "a@.io", "a@io.",
        ] {
            assert!(email(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn passwords_count_characters_not_bytes() {
        assert!(password("ééééééééééé").is_err());
        assert!(password("éééééééééééé").is_ok());
        assert!(password(&"x".repeat(129)).is_err());
    }

    #[test]
    fn colours() {
        assert!(hex_color("#3355ff").is_ok());
        assert!(hex_color("#3355f").is_err());
        assert!(hex_color("red;}").is_err());
    }
}

//! JSON written as Python's `json.dumps(doc, indent=2)` writes it (how
//! api-evangelist wrote its files): two-space indentation, `": "` and
//! `","` + newline, every character outside printable ASCII escaped as
//! `\uXXXX` (surrogate pairs beyond the BMP), floats as Python's `repr`,
//! no final newline.

use super::node::Node;

/// `node` as `json.dumps(node, indent=2)`.
pub fn dumps(node: &Node) -> String {
    let mut out = String::new();
    write(node, 0, &mut out);
    out
}

fn write(node: &Node, indent: usize, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => out.push_str(i),
        Node::Float(f) => out.push_str(&float(*f)),
        Node::Str(s) => string(s, out),
        Node::Seq(items) if items.is_empty() => out.push_str("[]"),
        Node::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                pad(indent + 2, out);
                write(item, indent + 2, out);
            }
            out.push('\n');
            pad(indent, out);
            out.push(']');
        }
        Node::Map(entries) => {
            out.push('{');
            for (i, (key, value)) in entries.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                pad(indent + 2, out);
                string(key, out);
                out.push_str(": ");
                write(value, indent + 2, out);
            }
            out.push('\n');
            pad(indent, out);
            out.push('}');
        }
    }
}

fn pad(n: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A string as `json.dumps` with `ensure_ascii` writes it.
fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// A float as Python's `repr` (and `json.dumps`) writes it: the shortest
/// digits that read back the same, fixed notation for decimal exponents
/// from -4 to 15, else `1e-05`, `1.5e+16`; `Infinity`, `NaN`.
pub fn float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `1.5e16`, `-1e-5`.
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let decpt = exponent + 1;
    if (-3..=16).contains(&decpt) {
        let n = digits.len() as i32;
        let text = if decpt <= 0 {
            format!("0.{}{digits}", "0".repeat((-decpt) as usize))
        } else if decpt >= n {
            format!("{digits}{}.0", "0".repeat((decpt - n) as usize))
        } else {
            format!(
                "{}.{}",
                &digits[..decpt as usize],
                &digits[decpt as usize..]
            )
        };
        return format!("{sign}{text}");
    }
    let rest = &digits[1..];
    let mantissa = if rest.is_empty() {
        digits[..1].to_owned()
    } else {
        format!("{}.{rest}", &digits[..1])
    };
    let e_sign = if exponent < 0 { '-' } else { '+' };
    format!("{sign}{mantissa}e{e_sign}{:02}", exponent.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python_repr() {
        for (f, text) in [
            (0.0, "0.0"),
            (1.5, "1.5"),
            (100.0, "100.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (-2.5e-7, "-2.5e-07"),
            (123456.789, "123456.789"),
        ] {
            assert_eq!(float(f), text, "{f}");
        }
    }

    #[test]
    fn dumps_as_python() {
        let node = Node::Map(vec![
            (
                "a".into(),
                Node::Seq(vec![Node::Int("1".into()), Node::Null]),
            ),
            ("é\"\u{1F600}\u{7f}".into(), Node::Map(Vec::new())),
            ("c".into(), Node::Seq(Vec::new())),
        ]);
        assert_eq!(
            dumps(&node),
            "{\n  \"a\": [\n    1,\n    null\n  ],\n  \"\\u00e9\\\"\\ud83d\\ude00\\u007f\": {},\n  \"c\": []\n}"
        );
    }
}

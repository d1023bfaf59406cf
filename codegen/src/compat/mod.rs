//! What an upstream change does to users, read off two models.
//!
//! For each difference between the model of the vendored schema and the
//! model of upstream's, two questions, from the point of view of a reader
//! of API responses:
//!
//! - **decoding**: does the release users have now still decode every
//!   payload that is valid under the new schema? If not, which payloads
//!   fail ([`Decode::Breaks`] says);
//! - **semver**: which bump does the regenerated Rust API need, under
//!   Cargo's rules for `#[non_exhaustive]` types (a new field or variant is
//!   minor; a removed or retyped one is major; docs are patch)?
//!
//! Both answers come from the model's own policy methods
//! ([`crate::model::Field::decodes_absent`], [`crate::model::Enum::is_open`],
//! ...), so they are exactly as right as the generated code.
//!
//! In: the vendored set's models and upstream's (and the two documents, for
//! keyword-level [`Edit`]s). Out: a [`Comparison`] per changed schema.

mod decode;
mod edits;
mod version;

use std::collections::BTreeSet;
use std::fmt;

pub use decode::{accepts, Sides};
pub use edits::{schema_edits, Edit};
pub use version::{next_version, Version};

use crate::model::Payload;
use crate::model::{
    Enum, Field, Kind, Module, Openness, RustType, Struct, TypeDef, Union, Variant,
};

/// Whether the current release decodes payloads valid under the new schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decode {
    /// Every such payload decodes as before.
    Unaffected,
    /// Some fail: which, and why.
    Breaks(String),
}

impl Decode {
    fn breaks(&self) -> bool {
        matches!(self, Decode::Breaks(_))
    }
}

/// The semver bump a change needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Docs, or behaviour outside the Rust API.
    Patch,
    /// Additions (the types are `#[non_exhaustive]`).
    Minor,
    /// Removals or changed types.
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// One change, judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Where in a payload (`sessions[].status`).
    pub path: String,
    /// JSON pointer of the schema node (in the new schema, or the old one
    /// for what was removed).
    pub pointer: String,
    /// What changed, in schema terms.
    pub what: String,
    /// The effect on decoding with the current release.
    pub decode: Decode,
    /// The bump the regenerated API needs.
    pub bump: Bump,
    /// Why, in Rust terms.
    pub why: String,
}

/// One difference in the Rust API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiDelta {
    /// `+` added, `-` removed, `~` changed.
    pub sign: char,
    /// The item, in Rust terms (`field Client.id: String -> Option<String>`).
    pub what: String,
    /// The bump it needs.
    pub bump: Bump,
}

impl fmt::Display for ApiDelta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.sign, self.what, self.bump)
    }
}

/// Everything two models say about a change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The changes, judged, in type order.
    pub changes: Vec<Change>,
    /// The Rust API delta, one line per type, field or variant.
    pub api: Vec<ApiDelta>,
}

impl Comparison {
    /// The bump everything together needs.
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|c| c.bump)
            .chain(self.api.iter().map(|d| d.bump))
            .max()
            .unwrap_or(Bump::Patch)
    }

    /// Whether some payload valid under the new schema fails to decode
    /// with the current release.
    pub fn decoding_breaks(&self) -> bool {
        self.changes.iter().any(|c| c.decode.breaks())
    }
}

/// Compares the model of the vendored schema with the model of the new one,
/// each on its own (types shared from other modules compare by name).
pub fn compare(old: &Module, new: &Module) -> Comparison {
    compare_in(old, &[old], new, &[new])
}

/// Compares two models of one schema, each with every module of its set
/// (where shared types live), so that named types compare by structure.
pub fn compare_in(
    old: &Module,
    old_all: &[&Module],
    new: &Module,
    new_all: &[&Module],
) -> Comparison {
    let mut cx = Cx {
        sides: Sides::new(old, old_all, new, new_all),
        changes: Vec::new(),
        api: Vec::new(),
    };
    let names: BTreeSet<&str> = old
        .types
        .iter()
        .chain(&new.types)
        .map(|t| t.name.as_str())
        .collect();
    for name in names {
        match (old.get(name), new.get(name)) {
            (Some(a), Some(b)) => cx.type_pair(a, b),
            (None, Some(b)) => {
                cx.api('+', format!("{} {}", b.kind.word(), b.name), Bump::Minor);
                cx.change(
                    b,
                    "",
                    format!("new {} {}", b.kind.word(), b.name),
                    Decode::Unaffected,
                    Bump::Minor,
                    "a new public type".into(),
                );
            }
            (Some(a), None) => {
                let shared = new.shared.contains_key(name);
                if shared {
                    // The type is now the one generated elsewhere: the
                    // path changes, the name stays, under a re-export.
                    continue;
                }
                cx.api('-', format!("{} {}", a.kind.word(), a.name), Bump::Major);
                cx.change(
                    a,
                    "",
                    format!("{} {} no longer generated", a.kind.word(), a.name),
                    Decode::Unaffected,
                    Bump::Major,
                    "the type goes; where a field used it, that field is judged on its own".into(),
                );
            }
            (None, None) => {}
        }
    }
    Comparison {
        changes: cx.changes,
        api: cx.api,
    }
}

struct Cx<'a> {
    sides: Sides<'a>,
    changes: Vec<Change>,
    api: Vec<ApiDelta>,
}

impl Cx<'_> {
    fn api(&mut self, sign: char, what: String, bump: Bump) {
        self.api.push(ApiDelta { sign, what, bump });
    }

    fn change(
        &mut self,
        t: &TypeDef,
        sub: &str,
        what: String,
        decode: Decode,
        bump: Bump,
        why: String,
    ) {
        self.changes.push(Change {
            path: join_path(&t.path, sub),
            pointer: format!(
                "{}{sub_pointer}",
                t.pointer.as_deref().unwrap_or(""),
                sub_pointer = sub_pointer(sub)
            ),
            what,
            decode,
            bump,
            why,
        });
    }

    fn type_pair(&mut self, a: &TypeDef, b: &TypeDef) {
        if a.docs != b.docs {
            self.change(
                b,
                "",
                "description changed".into(),
                Decode::Unaffected,
                Bump::Patch,
                "documentation only".into(),
            );
        }
        match (&a.kind, &b.kind) {
            (Kind::Struct(x), Kind::Struct(y)) => self.structs(b, x, y),
            (Kind::Enum(x), Kind::Enum(y)) => self.enums(b, x, y),
            (Kind::Union(x), Kind::Union(y)) => self.unions(b, x, y),
            (Kind::Untagged(x), Kind::Untagged(y)) => self.untagged(b, x, y),
            (
                Kind::Newtype {
                    inner: i,
                    constraints: c,
                },
                Kind::Newtype {
                    inner: j,
                    constraints: d,
                },
            ) => {
                if i != j {
                    self.api('~', format!("newtype {}: {i} -> {j}", b.name), Bump::Major);
                    self.change(
                        b,
                        "",
                        format!("value type {i} -> {j}"),
                        decode_of(self.sides.accepts(i, j)),
                        Bump::Major,
                        "the wrapped type changes".into(),
                    );
                }
                for key in c.keys().chain(d.keys()).collect::<BTreeSet<_>>() {
                    match (c.get(key), d.get(key)) {
                        (x, y) if x == y => {}
                        (_, None) => self.change(b, "", format!("`{key}` removed"), Decode::Breaks(format!("values the old `{key}` refused are valid now and fail the current {}", b.name)), Bump::Patch, "the newtype checks less; its API is the same".into()),
                        (None, Some(v)) => self.change(b, "", format!("`{key}` {v} added"), Decode::Unaffected, Bump::Patch, "valid values are fewer, all still accepted by the current type".into()),
                        (Some(x), Some(y)) => self.change(b, "", format!("`{key}` {x} -> {y}"), Decode::Breaks(format!("values that meet the new `{key}` but not the old one fail the current {} (constraints are not compared value by value, so this is judged as breaking)", b.name)), Bump::Patch, "the newtype's check changes; its API is the same".into()),
                    }
                }
            }
            (x, y) => {
                self.api(
                    '~',
                    format!("type {}: {} -> {}", b.name, x.word(), y.word()),
                    Bump::Major,
                );
                self.change(
                    b,
                    "",
                    format!("{} became a {}", x.word(), y.word()),
                    decode_of(self.sides.defs(a, b)),
                    Bump::Major,
                    "the type changes kind".into(),
                );
            }
        }
    }

    fn structs(&mut self, t: &TypeDef, a: &Struct, b: &Struct) {
        let names: BTreeSet<&str> = a
            .fields
            .iter()
            .chain(&b.fields)
            .map(|f| f.json.as_str())
            .collect();
        for json in names {
            match (a.field(json), b.field(json)) {
                (None, Some(f)) => {
                    self.api(
                        '+',
                        format!("field {}.{}: {}", t.name, f.rust, f.ty),
                        Bump::Minor,
                    );
                    self.change(t, json, format!("property added ({})", presence(f)), Decode::Unaffected, Bump::Minor, "the current types ignore members they do not know; a new field of a #[non_exhaustive] struct".into());
                }
                (Some(f), None) => {
                    self.api(
                        '-',
                        format!("field {}.{}: {}", t.name, f.rust, f.ty),
                        Bump::Major,
                    );
                    let decode = if f.decodes_absent() {
                        Decode::Unaffected
                    } else {
                        Decode::Breaks(format!("payloads without `{json}` fail: the current field is {} and requires it", f.ty))
                    };
                    self.change(
                        t,
                        json,
                        format!("property removed (was {})", presence(f)),
                        decode,
                        Bump::Major,
                        "the field goes".into(),
                    );
                }
                (Some(x), Some(y)) => self.field_pair(t, x, y),
                (None, None) => {}
            }
        }
        for (rust, ty) in &b.flattened {
            match a.flattened.iter().find(|(r, _)| r == rust) {
                None => self.api('+', format!("field {}.{rust}: {ty}", t.name), Bump::Minor),
                Some((_, old)) if old != ty => self.api(
                    '~',
                    format!("field {}.{rust}: {old} -> {ty}", t.name),
                    Bump::Major,
                ),
                Some(_) => {}
            }
        }
        for (rust, ty) in &a.flattened {
            if !b.flattened.iter().any(|(r, _)| r == rust) {
                self.api('-', format!("field {}.{rust}: {ty}", t.name), Bump::Major);
            }
        }
        for name in &b.required_without_property {
            if !a.required_without_property.contains(name) {
                self.change(t, "", format!("`required` names `{name}`, which has no property"), Decode::Unaffected, Bump::Patch, "there is no schema to type it by, so the types ignore it; strict validation requires it".into());
            }
        }
        for name in &a.required_without_property {
            if !b.required_without_property.contains(name) {
                self.change(
                    t,
                    "",
                    format!("`required` no longer names `{name}` (it had no property)"),
                    Decode::Unaffected,
                    Bump::Patch,
                    "the types never had the field".into(),
                );
            }
        }
        if a.closed != b.closed {
            let what = if b.closed {
                "unknown members now forbidden (`additionalProperties: false`)"
            } else {
                "unknown members now allowed"
            };
            self.change(
                t,
                "",
                what.into(),
                Decode::Unaffected,
                Bump::Patch,
                "decoding ignores unknown members either way; strict validation changes".into(),
            );
        }
    }

    fn field_pair(&mut self, t: &TypeDef, a: &Field, b: &Field) {
        let json = b.json.as_str();
        if a.docs != b.docs {
            self.change(
                t,
                json,
                "description changed".into(),
                Decode::Unaffected,
                Bump::Patch,
                "documentation only".into(),
            );
        }
        let type_changed = a.ty != b.ty;
        if type_changed {
            self.api(
                '~',
                format!("field {}.{}: {} -> {}", t.name, b.rust, a.ty, b.ty),
                Bump::Major,
            );
        }
        if a.required != b.required {
            let (what, decode, why) = if b.required {
                (
                    "became required",
                    Decode::Unaffected,
                    match (type_changed, b.decodes_absent()) {
                        (true, true) => format!(
                            "{} becomes {}; payloads without it still decode (the empty value, listed by missing_required())",
                            a.ty, b.ty
                        ),
                        (true, false) => format!(
                            "{} becomes {}; the next release refuses payloads without it",
                            a.ty, b.ty
                        ),
                        (false, _) => "stays as it is; an absent key still decodes, and missing_required() lists it".into(),
                    },
                )
            } else if a.decodes_absent() {
                (
                    "no longer required",
                    Decode::Unaffected,
                    if type_changed {
                        format!("{} becomes {}", a.ty, b.ty)
                    } else {
                        "an absent key already decodes; `None` is now left out".into()
                    },
                )
            } else {
                (
                    "no longer required",
                    Decode::Breaks(format!(
                        "payloads that omit `{json}` fail: the current field is {}",
                        a.ty
                    )),
                    format!("{} becomes {}", a.ty, b.ty),
                )
            };
            let bump = if type_changed {
                Bump::Major
            } else {
                Bump::Minor
            };
            self.change(t, json, what.into(), decode, bump, why);
        }
        if a.nullable != b.nullable {
            let (what, decode) = if b.nullable {
                let decode = if a.decodes_null() {
                    Decode::Unaffected
                } else {
                    Decode::Breaks(format!(
                        "payloads with `\"{json}\": null` fail: the current field is {}",
                        a.ty
                    ))
                };
                ("became nullable", decode)
            } else {
                ("no longer nullable", Decode::Unaffected)
            };
            let (bump, why) = if type_changed {
                (Bump::Major, format!("{} becomes {}", a.ty, b.ty))
            } else {
                (Bump::Patch, format!("the field stays {}", b.ty))
            };
            self.change(t, json, what.into(), decode, bump, why);
        }
        // A new Rust type for the same presence: the value's type changed
        // (a JSON type, an integer format, an object that became a map).
        if type_changed && a.required == b.required && a.nullable == b.nullable {
            let decode = decode_of(self.sides.accepts(&a.ty, &b.ty));
            self.change(
                t,
                json,
                format!("value type {} -> {}", a.ty.unwrapped(), b.ty.unwrapped()),
                decode,
                Bump::Major,
                format!("the field's type changes: {} -> {}", a.ty, b.ty),
            );
        }
    }

    fn enums(&mut self, t: &TypeDef, a: &Enum, b: &Enum) {
        let wires = |e: &Enum| e.values.iter().map(|v| v.wire.clone()).collect::<Vec<_>>();
        let (old, new) = (wires(a), wires(b));
        if a.openness != b.openness && a.is_open() != b.is_open() {
            let (what, decode) = if b.is_open() {
                (
                    format!("the single-value tag became an open enum of {}", new.len()),
                    if new.iter().all(|v| old.contains(v)) {
                        Decode::Unaffected
                    } else {
                        Decode::Breaks(format!(
                            "payloads with {} fail: the current {} is a strict tag",
                            quoted(new.iter().filter(|v| !old.contains(v))),
                            t.name
                        ))
                    },
                )
            } else {
                (
                    format!(
                        "the open enum became a single-value tag ({})",
                        quoted(new.iter())
                    ),
                    Decode::Unaffected,
                )
            };
            self.api(
                '~',
                format!(
                    "enum {}: {} -> {}",
                    t.name,
                    if a.is_open() { "open" } else { "tag" },
                    if b.is_open() { "open" } else { "tag" }
                ),
                Bump::Major,
            );
            self.change(
                t,
                "",
                what,
                decode,
                Bump::Major,
                "the enum changes kind (derives, catch-all)".into(),
            );
        } else if a.openness != b.openness {
            self.change(
                t,
                "",
                format!(
                    "open because {} -> {}",
                    because(a.openness),
                    because(b.openness)
                ),
                Decode::Unaffected,
                Bump::Patch,
                "open either way".into(),
            );
        }
        for value in new.iter().filter(|v| !old.contains(v)) {
            let ident = b
                .values
                .iter()
                .find(|v| &v.wire == value)
                .map(|v| v.ident.as_str())
                .unwrap_or_default();
            self.api('+', format!("variant {}::{ident}", t.name), Bump::Minor);
            let decode = if a.is_open() {
                Decode::Unaffected
            } else {
                Decode::Breaks(format!(
                    "payloads with \"{value}\" fail: the current {} is a strict tag",
                    t.name
                ))
            };
            let why = if a.is_open() {
                format!("the current {}::{} keeps it; a new variant (values order by their text, so none moves)", t.name, a.catch_all())
            } else {
                "a new variant".into()
            };
            self.change(
                t,
                "",
                format!("enum value \"{value}\" added"),
                decode,
                Bump::Minor,
                why,
            );
        }
        for value in old.iter().filter(|v| !new.contains(v)) {
            let ident = a
                .values
                .iter()
                .find(|v| &v.wire == value)
                .map(|v| v.ident.as_str())
                .unwrap_or_default();
            self.api('-', format!("variant {}::{ident}", t.name), Bump::Major);
            self.change(
                t,
                "",
                format!("enum value \"{value}\" removed"),
                Decode::Unaffected,
                Bump::Major,
                "a variant goes".into(),
            );
        }
    }

    fn unions(&mut self, t: &TypeDef, a: &Union, b: &Union) {
        if a.property != b.property {
            self.api(
                '~',
                format!("union {}: tag `{}` -> `{}`", t.name, a.property, b.property),
                Bump::Major,
            );
            self.change(
                t,
                "",
                format!("discriminator `{}` -> `{}`", a.property, b.property),
                Decode::Breaks(format!(
                    "objects are told apart by `{}` now; the current {} reads `{}`",
                    b.property, t.name, a.property
                )),
                Bump::Major,
                "the union is keyed differently".into(),
            );
        }
        for v in &b.variants {
            match a.variants.iter().find(|o| o.ident == v.ident) {
                None => {
                    self.api(
                        '+',
                        format!("variant {}::{}({})", t.name, v.ident, short(&v.ty)),
                        Bump::Minor,
                    );
                    let decode = match &v.tag {
                        Some(_) => Decode::Unaffected,
                        None => Decode::Breaks(format!("objects of the new variant {} carry no `{}` to tell them apart: they fail unless they fit an existing variant", v.ident, b.property)),
                    };
                    let why = format!("the current {}::{} keeps an object with a tag it does not know; a new variant", t.name, a.catch_all());
                    self.change(
                        t,
                        "",
                        format!(
                            "union variant {} added{}",
                            v.ident,
                            tag_note(&v.tag, &b.property)
                        ),
                        decode,
                        Bump::Minor,
                        why,
                    );
                }
                Some(o) => {
                    if o.tag != v.tag {
                        self.change(
                            t,
                            "",
                            format!(
                                "union variant {}: tag {} -> {}",
                                v.ident,
                                o.tag.as_deref().unwrap_or("none"),
                                v.tag.as_deref().unwrap_or("none")
                            ),
                            Decode::Breaks(format!(
                                "objects tagged {} go to the catch-all or fail",
                                v.tag.as_deref().unwrap_or("none")
                            )),
                            Bump::Patch,
                            "the variant is chosen by another tag".into(),
                        );
                    }
                    if short(&o.ty) != short(&v.ty) {
                        self.api(
                            '~',
                            format!(
                                "variant {}::{}: {} -> {}",
                                t.name,
                                v.ident,
                                short(&o.ty),
                                short(&v.ty)
                            ),
                            Bump::Major,
                        );
                        let decode = decode_of(self.sides.accepts(
                            &RustType::Named(o.ty.clone()),
                            &RustType::Named(v.ty.clone()),
                        ));
                        self.change(
                            t,
                            "",
                            format!(
                                "union variant {} now holds a {} (was {})",
                                v.ident,
                                short(&v.ty),
                                short(&o.ty)
                            ),
                            decode,
                            Bump::Major,
                            "the variant's payload type changes".into(),
                        );
                    }
                }
            }
        }
        for v in &a.variants {
            if !b.variants.iter().any(|n| n.ident == v.ident) {
                self.api(
                    '-',
                    format!("variant {}::{}({})", t.name, v.ident, short(&v.ty)),
                    Bump::Major,
                );
                self.change(
                    t,
                    "",
                    format!("union variant {} removed", v.ident),
                    Decode::Unaffected,
                    Bump::Major,
                    "a variant goes".into(),
                );
            }
        }
    }

    fn untagged(&mut self, t: &TypeDef, a: &[Variant], b: &[Variant]) {
        // The current release's catch-all of objects takes what a new
        // variant holds (`crate::model::keeps_other_objects`).
        let kept = a.last().is_some_and(is_object_catch_all);
        for v in b {
            match a.iter().find(|o| o.ident == v.ident) {
                None => {
                    self.api('+', format!("variant {}::{}", t.name, v.ident), Bump::Minor);
                    let decode = if kept {
                        Decode::Unaffected
                    } else {
                        Decode::Breaks(format!("values of the new variant {} fail unless they also fit an existing one (an untagged enum has no catch-all)", v.ident))
                    };
                    self.change(
                        t,
                        "",
                        format!("variant {} added", v.ident),
                        decode,
                        Bump::Minor,
                        "a new variant".into(),
                    );
                }
                Some(o) => self.payloads(t, &v.ident, &o.payload, &v.payload),
            }
        }
        for v in a {
            if !b.iter().any(|n| n.ident == v.ident) {
                self.api('-', format!("variant {}::{}", t.name, v.ident), Bump::Major);
                self.change(
                    t,
                    "",
                    format!("variant {} removed", v.ident),
                    Decode::Unaffected,
                    Bump::Major,
                    "a variant goes".into(),
                );
            }
        }
    }

    /// One variant of an untagged enum, field by field. A field added to an
    /// enum variant is major: the variant is not `#[non_exhaustive]`, so
    /// users' constructions and exhaustive patterns of it break.
    fn payloads(&mut self, t: &TypeDef, ident: &str, a: &Payload, b: &Payload) {
        let variant = format!("{}::{ident}", t.name);
        match (a, b) {
            (Payload::Struct(x), Payload::Struct(y)) => {
                for (name, ty) in y {
                    match x.iter().find(|(n, _)| n == name) {
                        None => {
                            self.api('+', format!("field {variant}.{name}: {ty}"), Bump::Major);
                            self.change(t, "", format!("variant {ident}: field `{name}` added"), Decode::Unaffected, Bump::Major, "the current variant ignores members it does not know; a new field of an enum variant".into());
                        }
                        Some((_, old)) if old != ty => {
                            self.api(
                                '~',
                                format!("field {variant}.{name}: {old} -> {ty}"),
                                Bump::Major,
                            );
                            let decode = decode_of(self.sides.accepts(old, ty));
                            self.change(
                                t,
                                "",
                                format!("variant {ident}: field `{name}` {old} -> {ty}"),
                                decode,
                                Bump::Major,
                                "the field's type changes".into(),
                            );
                        }
                        Some(_) => {}
                    }
                }
                for (name, ty) in x {
                    if !y.iter().any(|(n, _)| n == name) {
                        self.api('-', format!("field {variant}.{name}: {ty}"), Bump::Major);
                        let decode = if ty.is_option() {
                            Decode::Unaffected
                        } else {
                            Decode::Breaks(format!("values without `{name}` fail the current {variant}, which requires it"))
                        };
                        self.change(
                            t,
                            "",
                            format!("variant {ident}: field `{name}` removed"),
                            decode,
                            Bump::Major,
                            "the field goes".into(),
                        );
                    }
                }
            }
            (Payload::Tuple(x), Payload::Tuple(y)) if x.len() == y.len() => {
                for (i, (old, new)) in x.iter().zip(y).enumerate() {
                    if old != new {
                        self.api(
                            '~',
                            format!("variant {variant}.{i}: {old} -> {new}"),
                            Bump::Major,
                        );
                        let decode = decode_of(self.sides.accepts(old, new));
                        self.change(
                            t,
                            "",
                            format!("variant {ident}: {old} -> {new}"),
                            decode,
                            Bump::Major,
                            "the variant's payload type changes".into(),
                        );
                    }
                }
            }
            (x, y) if x == y => {}
            _ => {
                self.api(
                    '~',
                    format!("variant {variant}: its payload changes shape"),
                    Bump::Major,
                );
                self.change(
                    t,
                    "",
                    format!("variant {ident} changes shape"),
                    Decode::Breaks(format!(
                        "values of {ident} are read by the current variant's other shape"
                    )),
                    Bump::Major,
                    "the variant's payload changes".into(),
                );
            }
        }
    }
}

fn decode_of(result: Result<(), String>) -> Decode {
    match result {
        Ok(()) => Decode::Unaffected,
        Err(why) => Decode::Breaks(why),
    }
}

fn presence(f: &Field) -> String {
    let required = if f.required { "required" } else { "optional" };
    if f.nullable {
        format!("{required}, nullable")
    } else {
        required.to_owned()
    }
}

fn because(o: Openness) -> &'static str {
    match o {
        Openness::SeveralValues => "it lists several values",
        Openness::Declared => "the schema says so",
        Openness::Tag => "it is a tag",
    }
}

fn quoted<'a>(values: impl Iterator<Item = &'a String>) -> String {
    values
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn tag_note(tag: &Option<String>, property: &str) -> String {
    match tag {
        Some(tag) => format!(" (`{property}: \"{tag}\"`)"),
        None => " (no tag)".into(),
    }
}

fn short(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

fn join_path(base: &str, json: &str) -> String {
    match (base, json) {
        (b, "") => b.to_owned(),
        ("(the document)" | "", j) => j.to_owned(),
        (b, j) => format!("{b}.{j}"),
    }
}

fn sub_pointer(json: &str) -> String {
    if json.is_empty() {
        String::new()
    } else {
        format!("/properties/{}", crate::walk::escape(json))
    }
}

/// The catch-all the model gives a plain union of objects.
pub(crate) fn is_object_catch_all(v: &Variant) -> bool {
    v.payload == crate::model::object_catch_all(&[]).payload
}

#[cfg(test)]
mod tests;

//! A schema node the generator refuses, with its JSON pointer: what the
//! support checks and the model return, so that every refusal says where.
//! A leaf: it imports nothing of the crate, so any stage may use it.

/// A schema the generator refuses: where, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// JSON pointer of the node (`/` for the document).
    pub pointer: String,
    /// What is there, and what is accepted instead.
    pub message: String,
}

impl Refusal {
    /// A refusal of the node at `pointer` (`""`, the document, shows as `/`).
    pub(crate) fn at(pointer: &str, message: String) -> Self {
        let pointer = if pointer.is_empty() { "/" } else { pointer };
        Refusal {
            pointer: pointer.to_owned(),
            message,
        }
    }
}

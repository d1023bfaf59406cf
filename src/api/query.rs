//! A request's query parameters, in the order set, encoded as a form
//! (`application/x-www-form-urlencoded`, what Clerk's JS SDK's
//! `URLSearchParams` writes): a list is one `name=value` per item, or one
//! comma-joined value where the spec says so (`explode: false`).

/// The query parameters of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Sets `name` to `value`, replacing what it had.
    pub fn set(&mut self, name: &str, value: String) {
        self.pairs.retain(|(n, _)| n != name);
        self.pairs.push((name.to_owned(), value));
    }

    /// Sets `name` to `values`: repeated (`explode`) or comma-joined;
    /// replaces what it had. An empty list sends nothing.
    pub fn set_list(&mut self, name: &str, values: impl Iterator<Item = String>, explode: bool) {
        self.pairs.retain(|(n, _)| n != name);
        if explode {
            self.pairs.extend(values.map(|v| (name.to_owned(), v)));
        } else {
            let joined: Vec<String> = values.collect();
            if !joined.is_empty() {
                self.pairs.push((name.to_owned(), joined.join(",")));
            }
        }
    }

    /// Adds `name=value`, keeping what was there.
    pub fn push(&mut self, name: String, value: String) {
        self.pairs.push((name, value));
    }

    /// The values of `name`, in order.
    pub fn get<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of `name`, as an integer.
    pub fn integer(&self, name: &str) -> Option<i64> {
        self.get(name).next().and_then(|v| v.parse().ok())
    }

    /// Every pair, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The encoded query, without the `?`.
    pub fn encode(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs.iter())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_repeat_or_join_and_text_is_escaped() {
        let mut q = Query::default();
        q.set_list("user_id", ["a", "b&c"].into_iter().map(String::from), true);
        q.set_list(
            "enrollment_mode",
            ["x", "-y"].into_iter().map(String::from),
            false,
        );
        q.set("limit", "10".into());
        q.set("limit", "20".into());
        q.push("query".into(), "a b+c=d".into());
        assert_eq!(
            q.encode(),
            "user_id=a&user_id=b%26c&enrollment_mode=x%2C-y&limit=20&query=a+b%2Bc%3Dd"
        );
        assert_eq!(q.integer("limit"), Some(20));
        q.set_list("user_id", std::iter::empty(), false);
        assert_eq!(q.get("user_id").count(), 0);
    }
}

//! The Backend API's operations (feature `api`): the catalog the xtask
//! derives from Clerk's spec ([`catalog`]), read into the operations'
//! model ([`model`]) and rendered as one request type per operation
//! ([`render`]) over the types the vendored schemas generate.

pub mod catalog;
pub mod model;
pub mod render;

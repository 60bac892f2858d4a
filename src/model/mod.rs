//! The scenario model: the inputs of a projection, their file format (serde)
//! and their validation. No I/O and no economics here.

pub mod field;
mod month;
mod scenario;
mod series;
mod validate;

pub use field::FieldPath;
pub use month::Month;
pub use scenario::*;
pub use series::Series;
pub use validate::{MAX_CURTAILMENT_HOURS, MAX_HORIZON, Problem, Rule, validate};

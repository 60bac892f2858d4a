//! Migration of older scenario formats to the current one.
//!
//! Format 1 is the first public format; there is no older one yet, so every
//! version below 1 is refused with a clear message. The migration path for a
//! future format change lands here.

use crate::format::FormatError;
use crate::model::Scenario;

pub(crate) fn from_older(version: u64, _text: &str) -> Result<Scenario, FormatError> {
    Err(FormatError::Parse { line: 1, col: 1, message: format!("format_version {version} is not a floe scenario format") })
}

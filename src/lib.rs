pub mod error;
pub mod load;
pub mod model;
pub mod quote;
pub mod report;
pub mod validate;

//! Concern records in the vault. The record's shape and rules are the
//! domain's (`beredskab_domain::concern`); this module stores them.

mod repo;
mod retention;

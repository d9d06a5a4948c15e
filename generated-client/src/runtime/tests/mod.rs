//! HTTP behaviour tests against a real local server.

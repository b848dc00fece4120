"""The database read path: one driver, read sessions and queries bounded in time, rows and size, the
read-only guard, results, and the driver's errors in words; the few write helpers (schema, data
version) apart."""

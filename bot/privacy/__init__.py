"""The complainant's data: retention, rights requests, audited reads, key rotation."""

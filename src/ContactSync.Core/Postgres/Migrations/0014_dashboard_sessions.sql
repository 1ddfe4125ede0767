-- Dashboard sign-in sessions (docs/dashboard.md, "Dashboard logins and roles"). The sign-in cookie carries only a random key; the
-- session lives here, shared by every replica, so signing out on one ends it on all, and a cookie copied before the
-- sign-out opens nothing afterwards. key_hash is SHA-256 of the key (a copy of this table opens no session); ticket is
-- protected with the data-protection keys; fingerprint hashes what the login was configured with at sign-in (its
-- role mapping, its password hash), so changing that configuration ends the sessions it made. Expired rows are pruned
-- at each sign-in.
create table dashboard_sessions (
    key_hash    bytea primary key,
    user_name   text not null,
    fingerprint bytea not null,
    ticket      bytea not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index dashboard_sessions_expires_idx on dashboard_sessions (expires_at);

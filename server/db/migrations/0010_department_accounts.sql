-- The city education department's own accounts (server/department/): a specialist approves
-- schedules, an administrator also manages department accounts. Each account belongs to one city
-- and sees only its kindergartens. Sessions are the department's own (a staff token is not one).
create table department_accounts (
  id uuid primary key,
  city_id text not null references cities (id),
  login text not null,
  full_name text not null,
  role text not null check (role in ('specialist', 'admin')),
  password_hash text not null,
  created_at timestamptz not null,
  disabled_at timestamptz
);
create unique index department_accounts_login on department_accounts (lower(login));

create table department_sessions (
  id uuid primary key,
  token_hash text not null unique,
  account_id uuid not null references department_accounts (id),
  city_id text not null references cities (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index department_sessions_account on department_sessions (account_id);

-- Every department write, executed exactly once under its client-made id, with its outcome.
create table department_commands (
  id uuid primary key,
  account_id uuid not null references department_accounts (id),
  city_id text not null references cities (id),
  kind text not null,
  payload jsonb not null,
  status text not null check (status in ('applied', 'rejected')),
  rejection jsonb,
  executed_at timestamptz not null
);
create index department_commands_account on department_commands (account_id, executed_at);

-- Who in the department did it (staff_id names a kindergarten's staff member, null for the CLI).
alter table audit_log add column department_account_id uuid;
create index audit_log_department on audit_log (department_account_id, at) where department_account_id is not null;

alter table sign_in_failures drop constraint sign_in_failures_kind_check;
alter table sign_in_failures add constraint sign_in_failures_kind_check check (kind in ('staff', 'parent', 'department'));

-- Replication metadata shared by every replicated table:
--   rev          server revision, incremented on every change
--   updated_at   server clock instant of the change (set by the application from its clock)
--   deleted      tombstone flag (rows are never physically deleted while replicas may need them)
--   change_txid  the writing transaction's id, change_seq a global sequence: the pull checkpoint.
-- A puller only reads changes of transactions older than every transaction still running
-- (txid < pg_snapshot_xmin), so a change committed late by a long transaction is never skipped.
create sequence change_seq;

create function stamp_change() returns trigger language plpgsql as $$
begin
  new.change_txid := pg_current_xact_id();
  new.change_seq := nextval('change_seq');
  if tg_op = 'UPDATE' then
    new.rev := old.rev + 1;
  end if;
  return new;
end $$;

-- Wakes the event streams of the kindergarten the row belongs to (delivered on commit,
-- across processes through LISTEN/NOTIFY). tg_argv[0] = collection, tg_argv[1] = scope column.
create function notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('replication', json_build_object(
    'collection', tg_argv[0],
    'kindergartenId', to_jsonb(new) ->> tg_argv[1])::text);
  return null;
end $$;

create table kindergartens (
  id uuid primary key,
  name_ru text not null,
  name_kk text not null,
  city text not null,
  address text not null default '',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index kindergartens_changes on kindergartens (id, change_txid, change_seq);

create table staff (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  login text not null unique,
  full_name text not null,
  role text not null check (role in ('head', 'staff')),
  password_hash text not null,
  created_at timestamptz not null,
  disabled_at timestamptz
);

create table device_sessions (
  id uuid primary key,
  token_hash text not null unique,
  staff_id uuid not null references staff (id),
  kindergarten_id uuid not null references kindergartens (id),
  device_id text not null,
  device_name text not null default '',
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_seen_at timestamptz not null,
  revoked_at timestamptz
);
create index device_sessions_staff on device_sessions (staff_id);

create table groups (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  name text not null,
  age_group text not null check (age_group in ('early', 'junior', 'middle', 'senior', 'preschool')),
  language text not null check (language in ('ru', 'kk')),
  capacity integer not null check (capacity between 0 and 60),
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index groups_changes on groups (kindergarten_id, change_txid, change_seq);

create table commands (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  staff_id uuid not null references staff (id),
  kind text not null,
  payload jsonb not null,
  device_id text not null,
  device_time timestamptz not null,
  status text not null check (status in ('applied', 'rejected')),
  rejection jsonb,
  received_at timestamptz not null,
  executed_at timestamptz not null,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index commands_changes on commands (kindergarten_id, change_txid, change_seq);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  kindergarten_id uuid,
  staff_id uuid,
  action text not null,
  object_type text not null,
  object_id text,
  details jsonb not null default '{}'
);
create index audit_log_kindergarten on audit_log (kindergarten_id, at);

create trigger kindergartens_stamp before insert or update on kindergartens for each row execute function stamp_change();
create trigger kindergartens_notify after insert or update on kindergartens for each row execute function notify_change('kindergartens', 'id');
create trigger groups_stamp before insert or update on groups for each row execute function stamp_change();
create trigger groups_notify after insert or update on groups for each row execute function notify_change('groups', 'kindergarten_id');
create trigger commands_stamp before insert or update on commands for each row execute function stamp_change();
create trigger commands_notify after insert or update on commands for each row execute function notify_change('commands', 'kindergarten_id');

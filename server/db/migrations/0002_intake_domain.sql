-- The intake domain: the city and its settings, the working-day calendar, the city queue,
-- schedule entries, publications and seats, referrals and contracts, enrollments, departures
-- and vacancies, parent sessions. Replicated tables carry the metadata described in 0001.

-- A change of a city-wide or country-wide row wakes every stream ('*'); their pulls stay scoped.
create function notify_change_all() returns trigger language plpgsql as $$
begin
  perform pg_notify('replication', json_build_object('collection', tg_argv[0], 'kindergartenId', '*')::text);
  return null;
end $$;

create table cities (
  id text primary key check (id ~ '^[a-z0-9-]{2,40}$'),
  name_ru text not null,
  name_kk text not null,
  time_zone text not null default 'Asia/Almaty',
  created_at timestamptz not null default now()
);
insert into cities (id, name_ru, name_kk) values ('petropavl', 'Петропавловск', 'Петропавл');

alter table kindergartens add column city_id text references cities (id);
update kindergartens set city_id = 'petropavl' where city_id is null;
alter table kindergartens alter column city_id set not null;

-- Regional settings, one document per city (shape: shared/rules/settings.ts, validated by zod).
create table regional_settings (
  city_id text primary key references cities (id),
  settings jsonb not null,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index regional_settings_changes on regional_settings (change_txid, change_seq);

-- The working-day calendar: the table decides (shared/calendar generates and checks it).
create table calendar_days (
  date date primary key,
  kind text not null check (kind in ('holiday', 'day_off', 'working_day')),
  name_ru text not null,
  name_kk text not null,
  name_en text not null,
  source text not null,
  provisional boolean not null default false,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index calendar_days_changes on calendar_days (change_txid, change_seq);

-- The city queue: one application per child, made by its legal representative, who alone may claim.
create table applicants (
  id uuid primary key,
  city_id text not null references cities (id),
  iin text not null check (iin ~ '^[0-9]{12}$'),
  child_last_name text not null,
  child_first_name text not null,
  child_middle_name text not null default '',
  birth_date date not null,
  language text not null check (language in ('ru', 'kk')),
  priority text not null check (priority in ('out_of_turn', 'first', 'general')),
  applied_at timestamptz not null,
  choices uuid[] not null check (cardinality(choices) between 1 and 10),
  representative_full_name text not null,
  representative_phone text not null default '',
  login text unique,
  password_hash text,
  blocked_at timestamptz,
  blocked_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (city_id, iin)
);
create index applicants_queue on applicants (city_id, birth_date, language, applied_at);

create table parent_sessions (
  id uuid primary key,
  token_hash text not null unique,
  applicant_id uuid not null references applicants (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);

create table schedule_entries (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  group_id uuid references groups (id),
  birth_year integer not null check (birth_year between 2000 and 2100),
  language text not null check (language in ('ru', 'kk')),
  seats integer not null check (seats between 1 and 60),
  available_from date not null,
  status text not null check (status in ('draft', 'submitted', 'approved', 'rejected')),
  note text not null default '',
  submitted_at timestamptz,
  decided_at timestamptz,
  decision_note text not null default '',
  created_by uuid references staff (id),
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index schedule_entries_changes on schedule_entries (kindergarten_id, change_txid, change_seq);

create table enrollments (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  group_id uuid not null references groups (id),
  referral_id uuid unique,
  applicant_id uuid references applicants (id),
  child_full_name text not null,
  child_birth_date date not null,
  child_iin text not null check (child_iin ~ '^[0-9]{12}$'),
  representative_full_name text not null default '',
  representative_phone text not null default '',
  enrolled_on date not null,
  order_number text not null,
  order_date date not null,
  departed_on date,
  departure_id uuid,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq'),
  check (departed_on is null or departed_on >= enrolled_on)
);
create index enrollments_changes on enrollments (kindergarten_id, change_txid, change_seq);
create index enrollments_group on enrollments (group_id) where departed_on is null;
-- A child attends one kindergarten at a time.
create unique index enrollments_one_per_child on enrollments (applicant_id) where departed_on is null and applicant_id is not null;

create table departures (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  group_id uuid not null references groups (id),
  kind text not null check (kind in ('graduation', 'move_up', 'termination', 'account_blocked')),
  departs_on date not null,
  order_number text not null default '',
  order_date date,
  reason text not null default '',
  enrollment_id uuid references enrollments (id),
  children integer not null check (children >= 0),
  created_by uuid references staff (id),
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index departures_changes on departures (kindergarten_id, change_txid, change_seq);
alter table enrollments add foreign key (departure_id) references departures (id);

-- Seats freed by a departure, to publish.
create table vacancies (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  group_id uuid not null references groups (id),
  departure_id uuid references departures (id),
  seats integer not null check (seats >= 0),
  available_from date not null,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index vacancies_changes on vacancies (kindergarten_id, change_txid, change_seq);

create table publications (
  id uuid primary key,
  kindergarten_id uuid not null references kindergartens (id),
  group_id uuid not null references groups (id),
  schedule_entry_id uuid references schedule_entries (id),
  vacancy_id uuid references vacancies (id),
  previous_publication_id uuid references publications (id),
  birth_year integer not null,
  language text not null check (language in ('ru', 'kk')),
  seats integer not null check (seats between 1 and 60),
  available_from date not null,
  published_at timestamptz not null,
  -- null: straight open to all (returned seats by setting); else the end of the queue window.
  window_closes_at timestamptz,
  withdrawn_at timestamptz,
  round integer not null default 1,
  created_by uuid references staff (id),
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq'),
  check ((schedule_entry_id is null) <> (vacancy_id is null))
);
create index publications_changes on publications (kindergarten_id, change_txid, change_seq);
create index publications_open on publications (birth_year, language) where withdrawn_at is null;

-- Whose turn had come when the window opened: the first N eligible in queue order, frozen.
create table publication_turns (
  publication_id uuid not null references publications (id),
  applicant_id uuid not null references applicants (id),
  position integer not null,
  primary key (publication_id, applicant_id)
);

create table seats (
  id uuid primary key,
  publication_id uuid not null references publications (id),
  kindergarten_id uuid not null references kindergartens (id),
  group_id uuid not null references groups (id),
  available_from date not null,
  status text not null check (status in ('open', 'claimed', 'withdrawn', 'returned')),
  referral_id uuid unique,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index seats_changes on seats (kindergarten_id, change_txid, change_seq);
create index seats_open on seats (publication_id) where status = 'open';

create table referrals (
  id uuid primary key,
  number text not null unique,
  -- One referral per seat, ever: a returned seat is republished as a new seat.
  seat_id uuid not null unique references seats (id),
  publication_id uuid not null references publications (id),
  kindergarten_id uuid not null references kindergartens (id),
  group_id uuid not null references groups (id),
  applicant_id uuid not null references applicants (id),
  child_full_name text not null,
  child_birth_date date not null,
  child_iin text not null,
  representative_full_name text not null,
  representative_phone text not null default '',
  available_from date not null,
  claimed_at timestamptz not null,
  claimed_in_phase text not null check (claimed_in_phase in ('queue_window', 'open_to_all')),
  contract_deadline timestamptz not null,
  status text not null check (status in ('active', 'contracted', 'enrolled', 'refused', 'declined', 'expired', 'terminated')),
  contract_concluded_at timestamptz,
  contract_concluded_by text check (contract_concluded_by in ('parent', 'kindergarten')),
  enrollment_id uuid references enrollments (id),
  closed_at timestamptz,
  close_reason text,
  updated_at timestamptz not null,
  rev integer not null default 1,
  deleted boolean not null default false,
  change_txid xid8 not null default pg_current_xact_id(),
  change_seq bigint not null default nextval('change_seq')
);
create index referrals_changes on referrals (kindergarten_id, change_txid, change_seq);
create index referrals_deadline on referrals (contract_deadline) where status = 'active';
-- One active referral (or contract, or enrollment by referral) per child, enforced by the database.
create unique index referrals_one_active_per_child on referrals (applicant_id) where status in ('active', 'contracted', 'enrolled');
alter table seats add foreign key (referral_id) references referrals (id) deferrable initially deferred;
alter table enrollments add foreign key (referral_id) references referrals (id) deferrable initially deferred;

create trigger regional_settings_stamp before insert or update on regional_settings for each row execute function stamp_change();
create trigger regional_settings_notify after insert or update on regional_settings for each row execute function notify_change_all('regionalSettings');
create trigger calendar_days_stamp before insert or update on calendar_days for each row execute function stamp_change();
create trigger calendar_days_notify after insert or update on calendar_days for each row execute function notify_change_all('calendarDays');
create trigger schedule_entries_stamp before insert or update on schedule_entries for each row execute function stamp_change();
create trigger schedule_entries_notify after insert or update on schedule_entries for each row execute function notify_change('scheduleEntries', 'kindergarten_id');
create trigger enrollments_stamp before insert or update on enrollments for each row execute function stamp_change();
create trigger enrollments_notify after insert or update on enrollments for each row execute function notify_change('enrollments', 'kindergarten_id');
create trigger departures_stamp before insert or update on departures for each row execute function stamp_change();
create trigger departures_notify after insert or update on departures for each row execute function notify_change('departures', 'kindergarten_id');
create trigger vacancies_stamp before insert or update on vacancies for each row execute function stamp_change();
create trigger vacancies_notify after insert or update on vacancies for each row execute function notify_change('vacancies', 'kindergarten_id');
create trigger publications_stamp before insert or update on publications for each row execute function stamp_change();
create trigger publications_notify after insert or update on publications for each row execute function notify_change('publications', 'kindergarten_id');
create trigger seats_stamp before insert or update on seats for each row execute function stamp_change();
create trigger seats_notify after insert or update on seats for each row execute function notify_change('seats', 'kindergarten_id');
create trigger referrals_stamp before insert or update on referrals for each row execute function stamp_change();
create trigger referrals_notify after insert or update on referrals for each row execute function notify_change('referrals', 'kindergarten_id');

-- A session that ends — signed out, revoked by the department, its staff account disabled, its
-- parent blocked — is announced on commit (NOTIFY session_ended, on every server process), so the
-- event streams it opened end at once, whichever process holds them (server/replication/stream.ts).
create function notify_session_ended() returns trigger language plpgsql as $$
begin
  perform pg_notify('session_ended', json_build_object(tg_argv[0], new.id)::text);
  return null;
end $$;

create trigger device_sessions_ended after update of revoked_at on device_sessions for each row
  when (old.revoked_at is null and new.revoked_at is not null) execute function notify_session_ended('staffSession');
create trigger staff_disabled after update of disabled_at on staff for each row
  when (old.disabled_at is null and new.disabled_at is not null) execute function notify_session_ended('staff');
create trigger parent_sessions_ended after update of revoked_at on parent_sessions for each row
  when (old.revoked_at is null and new.revoked_at is not null) execute function notify_session_ended('parentSession');
create trigger applicants_blocked after update of blocked_at on applicants for each row
  when (old.blocked_at is null and new.blocked_at is not null) execute function notify_session_ended('applicant');

-- Every replicated table in commit order, city-wide: each server process asks once per heartbeat
-- which kindergartens have commit-safe changes past its watermark (an index range scan that finds
-- nothing at idle), instead of every stream re-reading every collection.
create index kindergartens_commit_order on kindergartens (change_txid, change_seq);
create index groups_commit_order on groups (change_txid, change_seq);
create index commands_commit_order on commands (change_txid, change_seq);
create index schedule_entries_commit_order on schedule_entries (change_txid, change_seq);
create index enrollments_commit_order on enrollments (change_txid, change_seq);
create index departures_commit_order on departures (change_txid, change_seq);
create index vacancies_commit_order on vacancies (change_txid, change_seq);
create index publications_commit_order on publications (change_txid, change_seq);
create index seats_commit_order on seats (change_txid, change_seq);
create index referrals_commit_order on referrals (change_txid, change_seq);

-- Failed sign-ins per account (staff or parent login, lower-cased; unknown logins count alike, so
-- the answer tells nothing about which exist). Each attempt is counted before its password is
-- checked; from the 5th in a streak (a day without attempts ends one) the account is locked for 30 s, doubling up to 15 min. A
-- success or the department (admin CLI signin:unlock) clears the row. Kept in the database, so
-- every server process counts the same attempts.
create table sign_in_failures (
  kind text not null check (kind in ('staff', 'parent')),
  login text not null,
  failures integer not null,
  last_failure_at timestamptz not null,
  locked_until timestamptz,
  primary key (kind, login)
);

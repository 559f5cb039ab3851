-- What every rule reads besides the clock — the working-day calendar and the regional settings —
-- changes a few times a year but is read by every claim and command. Servers cache it per process
-- under this version: every statement that writes either table bumps it in the same transaction
-- (the row lock orders concurrent writers), so a reader that sees version N in its snapshot sees
-- exactly the calendar and settings cached under N. Versions come from a sequence, which never
-- hands out a number twice: a version seen inside a transaction that then rolled back is never
-- seen again.
create table rule_version (
  id integer primary key check (id = 1),
  version bigint not null
);
create sequence rule_version_seq;
insert into rule_version (id, version) values (1, nextval('rule_version_seq'));

create function bump_rule_version() returns trigger language plpgsql as $$
begin
  update rule_version set version = nextval('rule_version_seq') where id = 1;
  return null;
end $$;

create trigger calendar_days_rule_version after insert or update or delete or truncate on calendar_days
  for each statement execute function bump_rule_version();
create trigger regional_settings_rule_version after insert or update or delete or truncate on regional_settings
  for each statement execute function bump_rule_version();

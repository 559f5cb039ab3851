-- Departures take effect on their date (issue #16).
--
-- A relabelling move-up is a dated change of the group's age group: the group keeps `age_group`
-- before `next_age_group_on` and has `next_age_group` from that date on (shared/rules/age-groups.ts,
-- `groupAgeGroupOn`). A move into another group ends the child's stay in the old group on the
-- move's date and starts a new stay in the target group on the same date; `moved_from` links the
-- new stay to the one it continues (a termination or an account block before the move cancels the
-- stay that has not begun).
alter table groups add column next_age_group text check (next_age_group in ('early', 'junior', 'middle', 'senior', 'preschool'));
alter table groups add column next_age_group_on date;
alter table groups add constraint groups_next_age_group_dated check ((next_age_group is null) = (next_age_group_on is null));
alter table enrollments add column moved_from uuid references enrollments (id);

-- A referral's status and its enrollment's can never disagree: checked at commit for every
-- referral and enrollment a transaction wrote. An enrolled referral points to a stay of its own
-- that is not deleted and has no departure, or only a scheduled graduation or move-up; a
-- terminated referral's enrollment has a departure recorded; a referral
-- in any other status has no enrollment.
create function check_referral_enrollment(referral uuid) returns void language plpgsql as $$
declare
  r_id uuid;
  r_status text;
  r_enrollment uuid;
  e_id uuid;
  e_referral uuid;
  e_deleted boolean;
  e_departure text;
begin
  if referral is null then return; end if;
  select id, status, enrollment_id into r_id, r_status, r_enrollment from referrals where id = referral;
  if r_id is null then return; end if;
  if r_enrollment is not null then
    select en.id, en.referral_id, en.deleted, d.kind into e_id, e_referral, e_deleted, e_departure
      from enrollments en left join departures d on d.id = en.departure_id where en.id = r_enrollment;
  end if;
  if r_status = 'enrolled' then
    if e_id is null or e_deleted or e_referral is distinct from r_id
       or coalesce(e_departure, 'graduation') not in ('graduation', 'move_up') then
      raise exception 'referral % is enrolled but enrollment % is not its current stay', r_id, r_enrollment
        using errcode = '23514';
    end if;
  elsif r_status = 'terminated' then
    if r_enrollment is not null and (e_id is null or e_departure is null) then
      raise exception 'referral % is terminated but enrollment % records no departure', r_id, r_enrollment
        using errcode = '23514';
    end if;
  elsif r_enrollment is not null then
    raise exception 'referral % is % but has enrollment %', r_id, r_status, r_enrollment using errcode = '23514';
  end if;
end $$;

create function check_referral_row() returns trigger language plpgsql as $$
begin
  perform check_referral_enrollment(new.id);
  return null;
end $$;

create function check_enrollment_row() returns trigger language plpgsql as $$
begin
  perform check_referral_enrollment(new.referral_id);
  if tg_op = 'UPDATE' and old.referral_id is distinct from new.referral_id then
    perform check_referral_enrollment(old.referral_id);
  end if;
  return null;
end $$;

create constraint trigger referrals_enrollment_consistent after insert or update on referrals
  deferrable initially deferred for each row execute function check_referral_row();
create constraint trigger enrollments_referral_consistent after insert or update on enrollments
  deferrable initially deferred for each row execute function check_enrollment_row();

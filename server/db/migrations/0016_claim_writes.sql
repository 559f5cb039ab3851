-- Group commit of claims (issue #24): the atomic writes of several concurrent claims in one call, so
-- one transaction and one commit. Each claim is written in its own subtransaction (a BEGIN ...
-- EXCEPTION block): one claim's unique violation (the child already holds a referral) or
-- contention failure rolls back that claim alone and is reported in its own outcome; the others
-- are kept. The write is that of server/intake/claims.ts: the guards (both rows unchanged since
-- the decision, the child still free), a seat nobody else holds (SKIP LOCKED), the referral, the
-- seat taken, the audit entry — everything or nothing for each claim. The referral keeps the
-- applicant's category as read by the decision (0015): the applicant's row is checked unchanged.
create function claim_writes(claims jsonb) returns jsonb
language plpgsql as $$
declare
  c jsonb;
  v_now timestamptz;
  v_ok boolean;
  v_seat uuid;
  v_number text;
  v_n text;
  outcomes jsonb := '[]'::jsonb;
begin
  for c in select value from jsonb_array_elements(claims) loop
    v_now := (c->>'now')::timestamptz;
    begin
      perform 1 from publications p
        where p.id = (c->>'publication_id')::uuid and p.xmin = (c->>'publication_version')::xid and not p.deleted;
      v_ok := found;
      if v_ok then
        perform 1 from applicants a
          where a.id = (c->>'applicant_id')::uuid and a.xmin = (c->>'applicant_version')::xid and a.blocked_at is null
            and not (exists (select 1 from referrals r where r.applicant_id = a.id
                     and (r.status in ('contracted', 'enrolled') or (r.status = 'active' and r.contract_deadline >= v_now)))
                   or exists (select 1 from enrollments e where e.applicant_id = a.id and e.departed_on is null and not e.deleted))
          for update;
        v_ok := found;
      end if;
      v_number := null;
      if v_ok then
        select s.id into v_seat from seats s
          where s.publication_id = (c->>'publication_id')::uuid and s.status = 'open' and not s.deleted
          order by s.id limit 1 for update skip locked;
        if found then
          v_n := nextval('referral_number_seq')::text;
          v_number := (c->>'year') || '-' || lpad(v_n, greatest(6, length(v_n)), '0');
          insert into referrals (id, number, seat_id, publication_id, kindergarten_id, group_id, applicant_id, applicant_priority, child_full_name,
            child_birth_date, child_iin, representative_full_name, representative_phone, available_from, claimed_at,
            claimed_in_phase, contract_deadline, status, updated_at)
          values ((c->>'referral_id')::uuid, v_number, v_seat, (c->>'publication_id')::uuid, (c->>'kindergarten_id')::uuid,
            (c->>'group_id')::uuid, (c->>'applicant_id')::uuid, c->>'applicant_priority', c->>'child_full_name', (c->>'child_birth_date')::date,
            c->>'child_iin', c->>'representative_full_name', c->>'representative_phone', (c->>'available_from')::date, v_now,
            c->>'phase', (c->>'contract_deadline')::timestamptz, 'active', v_now);
          update seats set status = 'claimed', referral_id = (c->>'referral_id')::uuid, updated_at = v_now where id = v_seat;
          insert into audit_log (at, kindergarten_id, staff_id, action, object_type, object_id, details)
          values (v_now, (c->>'kindergarten_id')::uuid, null, 'referral.claim', 'referral', c->>'referral_id', c->'details');
        end if;
      end if;
      outcomes := outcomes || jsonb_build_object('unchanged', v_ok, 'number', v_number);
    exception when unique_violation or deadlock_detected or serialization_failure then
      outcomes := outcomes || jsonb_build_object('error', sqlstate);
    end;
  end loop;
  return outcomes;
end
$$;

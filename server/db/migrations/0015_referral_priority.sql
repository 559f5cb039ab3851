-- The applicant's queue category when the seat was claimed, kept on the referral (issue #23): the
-- intake statistics count referrals by category from the replicated referral, on the server and on
-- the desk alike (a desk's replica holds no applicants). The claim writes it in the same statement
-- that checks the applicant's row unchanged, so it is the category the claim was decided on; a
-- later change of the application does not change it.
--
-- Every ALTER comes before the backfill: after an UPDATE of referrals, the deferred consistency
-- checks it queued (0007) are pending until commit and PostgreSQL refuses to alter the table. The
-- default exists only to add the column as not null; it is dropped before any row is written, so
-- every insert must name the category.
alter table referrals add column applicant_priority text not null default 'general'
  constraint referrals_applicant_priority check (applicant_priority in ('out_of_turn', 'first', 'general'));
alter table referrals alter column applicant_priority drop default;
-- The referrals made before: their applicant's category now (no path changes a category after a
-- claim). The update goes through the referrals' stamp trigger, so every referral gets a new change
-- position (rev + 1, updated_at kept) and every replica pulls them again, with the category, at its
-- next sync.
update referrals r set applicant_priority = a.priority from applicants a where a.id = r.applicant_id;

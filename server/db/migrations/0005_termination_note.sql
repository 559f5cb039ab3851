-- A contract termination carries a free-text note beside its reason code (shown in the child's
-- history and the movement register).
alter table departures add column note text not null default '';
alter table referrals add column close_note text not null default '';

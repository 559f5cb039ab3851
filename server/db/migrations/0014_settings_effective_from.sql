-- Regional settings take effect from a stated instant (issue #22). The row keeps the settings in
-- force (`settings`, in force since `effective_from`; null = since before the first stated change)
-- and at most one stated change not yet in force (`pending_settings` from `pending_from`). A new
-- change replaces a pending one. Once `pending_from` has passed, the server promotes the pending
-- settings into `settings` before any request reads or decides on them (scheduler.ts: catchUpTime,
-- and every scheduler round), so every reader — the rules on the server, the replicas through the
-- replicated `settings` — sees the settings of its instant. Writing the row bumps the rule version
-- (0006), so no process keeps a cached copy of the old settings.
alter table regional_settings add column effective_from timestamptz;
alter table regional_settings add column pending_settings jsonb;
alter table regional_settings add column pending_from timestamptz;
alter table regional_settings add constraint regional_settings_pending_pair
  check ((pending_settings is null) = (pending_from is null));

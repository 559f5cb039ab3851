-- The demo clock: an offset from real time that the department's admin CLI (another process)
-- moves to fast-forward a demo. Server processes running with the demo clock
-- (server/demo/demo-clock.ts) read it at start and follow every change through NOTIFY demo_clock.
-- One row; `version` orders the changes, so a late read never undoes a newer notification.
create table demo_clock (
  id boolean primary key default true check (id),
  offset_ms bigint not null default 0,
  version bigint not null default 0,
  updated_at timestamptz not null default now()
);
insert into demo_clock (id) values (true);

create function notify_demo_clock() returns trigger language plpgsql as $$
begin
  perform pg_notify('demo_clock', json_build_object('offsetMs', new.offset_ms, 'version', new.version)::text);
  return null;
end $$;
create trigger demo_clock_notify after insert or update on demo_clock for each row execute function notify_demo_clock();

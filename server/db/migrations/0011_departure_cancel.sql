-- A departure not yet in effect (graduation, move-up, termination dated ahead) can be cancelled by
-- order (departure.cancel): the register keeps the departure's line and adds the cancellation's.
alter table departures add column cancelled_at timestamptz;
alter table departures add column cancel_order_number text not null default '';
alter table departures add column cancel_order_date date;

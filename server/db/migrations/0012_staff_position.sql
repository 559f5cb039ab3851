-- The position a staff account holds ("Заведующая", "Исполняющая обязанности заведующей"): printed
-- with the head's name beside the signature line of the desk's orders and lists (issue #20).
-- Set by the admin CLI (staff:create --position, staff:set-position); empty prints the default title.
alter table staff add column position text not null default '' check (length(position) <= 200);

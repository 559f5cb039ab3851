-- Whose turn has come for a publication (server/intake/queue.ts, eligibleFor) reads the applicants
-- who chose its kindergarten: found through this index (`choices @> array[kindergarten]`), not by
-- reading the whole city queue. In a city of 150,000 applicants the publish's queue read took a
-- parallel scan of every applicant (bench/scenarios/big-city.ts; before/after in README.md).
create index applicants_choices on applicants using gin (choices);

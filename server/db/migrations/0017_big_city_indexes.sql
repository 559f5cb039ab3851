-- Indexes a big city showed missing (bench/scenarios/big-city.ts: 1,000 kindergartens, 5,000
-- groups, 150,000 applicants, 100,000 children; before/after in README.md's big-city table).
--
-- Whose turn has come for a publication (server/intake/queue.ts, eligibleFor) reads the applicants
-- who chose its kindergarten: found through this index (`choices @> array[kindergarten]`), not by
-- a parallel scan of the whole city queue (85 ms → 0.4 ms per publish).
create index applicants_choices on applicants using gin (choices);

-- A group's load (server/intake/group-load.ts: every publish and capacity check) reads the group's
-- enrollments including departed ones, which the partial enrollments_group index cannot serve: it
-- read all 100,000 enrollments of the city (13 ms → 0.1 ms).
create index enrollments_group_all on enrollments (group_id);

-- A termination given any of a child's stays finds the stays a move-up started from it
-- (`moved_from`, migration 0007) to end the child's latest stay, not only the one named.
create index enrollments_moved_from on enrollments (moved_from) where moved_from is not null;

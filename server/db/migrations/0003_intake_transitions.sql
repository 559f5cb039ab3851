-- Referral numbers, and what the scheduler materializes (phases themselves are derived from
-- instants and the clock; these columns only record that a transition has been carried out).
create sequence referral_number_seq;

-- A returned seat is republished as a new seat (one referral per seat, ever).
alter table seats add column republished_as uuid references seats (id);
create index seats_returned on seats (publication_id) where status = 'returned' and republished_as is null;

-- When the scheduler noticed the window had closed (seats opened to all), and when an
-- early-booking publication's available-from date began.
alter table publications add column opened_to_all_at timestamptz;
alter table publications add column released_at timestamptz;

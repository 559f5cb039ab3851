import type { RejectionCode } from '../../../shared/commands/rejection.js';

/** Every rejection code the server can send, in English. */
export const rejectionEn: Record<RejectionCode, string> = {
  invalid_payload: 'The command’s data is invalid (field {{field}}).',
  unknown_kind: 'The server does not know this command ({{kind}}). Update the app.',
  not_found: 'Not found, or deleted.',
  forbidden: 'You may not do this.',
  account_blocked: 'The applicant’s account is blocked.',
  already_has_referral: 'The child already has a referral or is enrolled.',
  kindergarten_not_chosen: 'The applicant did not choose this kindergarten.',
  wrong_language: 'Wrong language of instruction ({{language}}, needs {{required}}).',
  wrong_birth_year: 'Wrong birth year ({{birthYear}}, needs {{required}}).',
  below_minimum_age:
    'The child will be {{ageMonths}} months old on {{availableFrom}}; at least {{minimumAgeMonths}} needed.',
  publication_withdrawn: 'The seats were withdrawn.',
  no_seats_left: 'No seats left.',
  not_your_turn: 'The applicant’s turn has not come yet.',
  invalid_seat_count: 'Invalid number of seats: {{seats}}.',
  schedule_entry_not_approved: 'The schedule entry is not approved by the department yet.',
  exceeds_source_seats: 'Cannot publish {{seats}}: only {{remainingSeats}} left ({{source}}).',
  birth_year_not_admissible: 'Children born in {{birthYear}} are not admitted on {{availableFrom}}.',
  august_pause: 'Publishing is paused from {{from}} to {{to}} (today is {{date}}).',
  over_capacity: 'The group would be over capacity on {{date}}: {{occupancy}} for {{capacity}} seats.',
  capacity_below_occupancy: 'Cannot lower to {{capacity}}: {{occupancy}} seats are taken on {{date}}.',
  enrollment_before_available_from:
    'Enrollment on {{enrollmentDate}} is before the seat frees up on {{availableFrom}}.',
  wrong_referral_status: 'Cannot {{action}}: the referral is {{status}}.',
  referral_expired: 'The referral expired ({{deadline}}).',
  missing_order_number: 'Give the order number (up to {{maxLength}} characters).',
  missing_order_date: 'Give the order date.',
  decline_reason_not_allowed: 'Not an allowed reason to decline: {{reason}}.',
  termination_reason_not_allowed: 'Not an allowed reason to terminate: {{reason}}.',
  departure_before_enrollment: 'The departure date is before enrollment ({{enrolledOn}}).',
  not_preschool_group: 'Only the preschool group graduates.',
  not_next_age_group: 'Children move only to the next age group.',
  source_mismatch: 'Does not match the schedule entry (born {{birthYear}}, {{availableFrom}}).',
  group_mismatch: 'Wrong group: its {{field}} is “{{group}}”, requested “{{requested}}”.',
  duplicate_id: 'This record already exists.',
  wrong_schedule_status: 'Not possible: the schedule entry is {{status}}.',
  already_departed: 'The child already left ({{departedOn}}).',
  no_children_to_move: 'The group has no children.',
  move_up_pending: 'The group already has a move-up recorded from {{date}}: a new one cannot be earlier.',
  calendar_year_not_loaded:
    'The working-day calendar for {{year}} is not loaded: the period would run past its end. The education department must load the {{year}} calendar.',
  login_taken: 'The login is taken: {{login}}.',
  account_disabled: 'The account is already disabled.',
  own_account: 'You cannot disable your own account: another department administrator can.',
  departure_in_effect: 'The departure has already taken effect ({{date}}): it cannot be cancelled.',
  departure_not_cancellable: 'This departure ({{kind}}) cannot be cancelled: other changes were recorded after it.',
  departure_cancelled: 'This departure has already been cancelled.',
  freed_seats_published:
    'The freed seats are already published or claimed ({{count}} publications, from {{availableFrom}}): cancelling would exceed the capacity. Withdraw those publications first.',
  calendar_date_past:
    'The date {{date}} is in the past (today is {{today}}): only today and later dates can be changed.',
  calendar_working_day_not_weekend:
    '{{date}} is a weekday: only a Saturday or Sunday can be made a working day (a transfer).',
  calendar_day_off_on_weekend: '{{date}} is a Saturday or Sunday: a moved day off falls on a weekday.',
  calendar_day_not_found: '{{date}} is not in the calendar table: it is an ordinary day already.',
  settings_effective_past:
    'The settings cannot take effect in the past ({{effectiveFrom}}): choose now or a later moment.',
  account_not_blocked: 'The account is not blocked.',
};

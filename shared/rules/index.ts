/**
 * The intake rules as pure functions: the server decides with them inside its transactions and the
 * UI explains outcomes with the same functions. Source: docs/rules.md (the brief's
 * Process and Rules); each module names its rule.
 */
export * from './age-groups.js';
export * from './capacity.js';
export * from './capacity-by-date.js';
export * from './promised-seats.js';
export * from './departures.js';
export * from './departure-cancel.js';
export * from './eligibility.js';
export * from './legal-orders.js';
export * from './publication-phase.js';
export * from './publishing.js';
export * from './queue-order.js';
export * from './referral-lifecycle.js';
export * from './settings.js';

/** The department's and the head's reports, as pure functions over the replicated documents (docs/architecture.md, "Reports"). */
export * from './intake-statistics.js';
export * from './forecast.js';

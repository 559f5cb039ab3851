/**
 * The Kazakhstan working-day calendar: the row schema, the shipped table for 2024–2027, the rules
 * that generate and check it (Law No. 267 on holidays, Labour Code art. 84–85), and the working-day
 * arithmetic of queue windows and deadlines in the city's zone (Asia/Almaty).
 */
export * from './types.js';
export * from './kz-days.js';
export * from './rules.js';
export * from './working-days.js';
export type { DayNames } from './names.js';
export * from './edit.js';

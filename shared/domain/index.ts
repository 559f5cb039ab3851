export * from './group.js';
export * from './ids.js';
export * from './kindergarten.js';

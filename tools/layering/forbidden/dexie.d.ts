// Layering guard: this layer must not use `dexie`; its tsconfig maps the package here, so any
// named import fails with "Module 'dexie' has no exported member …". See eslint.config.js for the lint side.
export {};

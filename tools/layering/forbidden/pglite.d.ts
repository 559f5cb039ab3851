// Layering guard: this layer must not use `pglite`; its tsconfig maps the package here, so any
// named import fails with "Module 'pglite' has no exported member …". See eslint.config.js for the lint side.
export {};

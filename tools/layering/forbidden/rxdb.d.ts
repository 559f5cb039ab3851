// Layering guard: this layer must not use `rxdb`; its tsconfig maps the package here, so any
// named import fails with "Module 'rxdb' has no exported member …". See eslint.config.js for the lint side.
export {};

// Layering guard: a tsconfig maps every package its layer must not use to this empty module,
// so `import { app } from 'electron'` in shared/ fails with "has no exported member 'app'".
// The lint rule in eslint.config.js reports the same import by name.
export {};

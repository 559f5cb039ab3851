// Setup of the vitest projects that run the server in the test's process (integration, model, e2e):
// a command refused with a code its kind does not declare (shared/commands: the `rejections` of its
// table entry, plus the common codes) fails the test that sent it, so every refusal the suites
// produce — the intake model's sequences included — is checked against its kind's declared codes.
// The server answers such a refusal all the same and logs it at error level (server/http/app.ts).
import { onUndeclaredRejection, type UndeclaredRejection } from '../../server/executor/undeclared-rejections.js';

const undeclared: UndeclaredRejection[] = [];
const stop = onUndeclaredRejection((refusal) => undeclared.push(refusal));

afterEach(() => {
  expect(undeclared.splice(0), 'commands refused with a code their kind does not declare').toEqual([]);
});

afterAll(stop);

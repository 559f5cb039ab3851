// `npm run simulate -- --url http://127.0.0.1:8787 --rate 5 --duration 60`: demo parents on the
// parent API of a local server (server/demo/simulator.ts; --help lists the options).
import { simulatorMain } from '../server/demo/simulator.js';

process.exitCode = await simulatorMain(process.argv.slice(2));

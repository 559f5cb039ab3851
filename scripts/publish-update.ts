// `npm run publish-update -- --from dist` (or installers by name): publishes a desktop-app version
// to the central server's update feed. The options and what it writes: server/updates/publish-release.ts.
import { main } from '../server/updates/publish-release.js';

process.exitCode = await main(process.argv.slice(2), process.env);

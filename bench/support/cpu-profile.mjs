// Loaded into a server process with NODE_OPTIONS="--import <this file>" (Node 20 refuses
// --cpu-prof in NODE_OPTIONS): V8's sampling profiler from the start, written on exit as
// $BENCH_CPU_PROFILE_DIR/<pid>.cpuprofile (Chrome DevTools' format).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  // The main thread's own session answers synchronously, so the profile is written before exit.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

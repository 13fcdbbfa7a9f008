/** The `npm run bench` entry (see run.ts for the flags). */
import { runBench } from './run';

runBench(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });

// One shape timed at 1 MiB in a process of its own (run.ts starts one per shape it confirms): the first call
// (which compiles the detector's code and builds its tables) and the best of four more, after nothing else
// ran in the process. The search's own timings come from the process that screened
// every shape before, whose heap holds what those 34,000 calls left; this one is what an application that
// receives the text sees.
// Run: node --import tsx text-adversarial/fresh.ts <detector> <unit as JSON>
import { detectors, fill, time } from './detectors';

const [name, unitJson] = process.argv.slice(2);
const f = detectors.find(([n]) => n === name)?.[1];
if (f === undefined || unitJson === undefined) throw new Error(`usage: fresh.ts <detector> <unit as JSON>`);
const text = fill(JSON.parse(unitJson) as string, 1_048_576);
const first = time(f, text);
const ms = Math.min(time(f, text), time(f, text), time(f, text), time(f, text));
process.stdout.write(`${JSON.stringify({ ms1m: ms, first })}\n`);

// Interleaved CPU-time measurement for overhead tables: every task runs once per round, in the same
// order, so a busy machine slows all of them alike; ratios are taken round by round. CPU time of this
// process (process.cpuUsage), not wall time: on a shared machine a descheduled process would otherwise
// charge other processes' time to whichever task was running.

/** CPU microseconds (user + system) used by this process so far. */
export function cpuMicros() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * Run `tasks` ({ name, reps, run(i) }) for `rounds` rounds after 3 warm-up rounds, which also raise each
 * task's `reps` so one batch takes at least `minBatchMicros` of CPU time. Returns name → µs per call,
 * one entry per measured round.
 */
export async function cpuRounds(tasks, { rounds, minBatchMicros = 20_000, floorMicros = 0.01 }) {
  const perRound = new Map(tasks.map((t) => [t.name, []]));
  let counter = 0;
  for (let round = -3; round < rounds; round++) {
    for (const task of tasks) {
      const t0 = cpuMicros();
      for (let r = 0; r < task.reps; r++) await task.run(counter++);
      const us = (cpuMicros() - t0) / task.reps;
      if (round < 0) task.reps = Math.max(task.reps, Math.ceil(minBatchMicros / Math.max(us, floorMicros)));
      else perRound.get(task.name).push(us);
    }
  }
  return perRound;
}

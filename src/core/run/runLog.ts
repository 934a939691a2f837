import { formatLogHeader, formatLogInfo, formatLogLine, stopInfo } from '../monitors/log';
import { decodeVector, type SolverState } from '../state/schema';

/**
 * A run's generation log in mystic's LoggingMonitor format, written from a state's history: the same text a
 * CLI run with `--log` writes, readable by mystic's `logfile_reader` and by `--restart-from-log`. A state
 * that keeps a window of its history (its `history.start` is above 0) gives the log of that window.
 */
export function formatRunLog(state: SolverState, date: Date): string {
  const name = state.problem?.name ?? 'problem';
  const parts = [formatLogHeader(date, `sibyl studio: ${name}, solver ${state.solver.id}, seed ${state.settings.seed}`)];
  const first = state.history.start ?? 0;
  decodeVector(state.history.y).forEach((cost, k) => {
    parts.push(formatLogLine(first + k, cost, decodeVector(state.history.x[k] ?? [])));
  });
  if (state.stopMessage) parts.push(formatLogInfo(stopInfo(state.stopMessage)));
  return parts.join('');
}

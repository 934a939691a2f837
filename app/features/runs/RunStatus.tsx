import { Banner } from '../../components/Banner';
import { formatCost, formatCount, formatPoint, formatSeconds } from '../../components/format';
import { ProgressBar } from '../../components/ProgressBar';
import { useShallow, useStudioStore } from '../../store/index';

/** The run's numbers: status, counters, best cost and point, progress against the limits, speed, time. */
export function RunStatus() {
  const run = useStudioStore(
    useShallow((s) => ({
      status: s.status,
      generation: s.generation,
      evaluations: s.evaluations,
      bestCost: s.bestCost,
      bestRawCost: s.bestRawCost,
      bestX: s.bestX,
      message: s.message,
      limits: s.limits,
      progress: s.progress,
      rate: s.evaluationsPerSecond,
      elapsedMs: s.elapsedMs,
      nanEvaluations: s.nanEvaluations,
      error: s.error,
    })),
  );
  const started = run.generation >= 0;
  return (
    <div className="run-status">
      <dl className="run-numbers">
        <dt>Status</dt>
        <dd>
          <span className={`status status-${run.status}`} data-testid="run.status">
            {run.status}
          </span>
        </dd>
        <dt>Generation</dt>
        <dd data-testid="run.generation">{started ? run.generation : '—'}</dd>
        <dt>Evaluations</dt>
        <dd data-testid="run.evaluations">{run.evaluations}</dd>
        <dt>Best cost</dt>
        <dd className="number" data-testid="run.best-cost">
          {started ? formatCost(run.bestCost) : '—'}
        </dd>
        {started && run.bestRawCost !== run.bestCost ? (
          <>
            <dt>Raw cost</dt>
            <dd className="number" title="The objective at the best point, without penalties">
              {formatCost(run.bestRawCost)}
            </dd>
          </>
        ) : null}
        <dt>Best x</dt>
        <dd className="number" data-testid="run.best-x">
          {started ? formatPoint(run.bestX) : '—'}
        </dd>
        <dt>Speed</dt>
        <dd data-testid="run.rate">{formatCount(run.rate)} evaluations/s</dd>
        <dt>Time</dt>
        <dd data-testid="run.elapsed">{formatSeconds(run.elapsedMs)}</dd>
      </dl>
      <div className="run-progress">
        <ProgressBar value={run.progress} label="Progress against the limits" testId="run.progress" />
        <span className="run-limits">
          limits: {formatCount(run.limits.generations)} generations, {formatCount(run.limits.evaluations)} evaluations
        </span>
      </div>
      {run.message ? (
        <p className="run-message" data-testid="run.message">
          {run.message}
        </p>
      ) : null}
      {run.nanEvaluations > 0 ? (
        <p className="run-warning">{formatCount(run.nanEvaluations)} evaluations returned NaN or a non-number and counted as +∞.</p>
      ) : null}
      {run.error ? (
        <Banner tone="error" testId="run.error">
          {run.error.message}
          {run.error.line !== undefined ? ` (line ${run.error.line})` : ''}
        </Banner>
      ) : null}
    </div>
  );
}

import { getSolverMeta } from '../../../src/core/index';
import { Button } from '../../components/Button';
import { useShallow, useStudioStore } from '../../store/index';
import { pause, reset, resume, solve, step, stop } from '../../store/runActions';
import { selectContinueBlocker, selectSolveBlocker } from '../../store/setupSlice';

/**
 * Solve, Step, Pause, Resume, Stop, Reset: enabled by the run's status. A new run also waits for the problem
 * module and the setup to be valid, and so do Step and Resume for what a continuing run takes from them (the
 * source, options, termination, limits, bounds, constraints); the reason is shown beside the buttons.
 */
export function RunControls() {
  const { status, starting, hasRun, switchTo, blocker, continueBlocker } = useStudioStore(
    useShallow((s) => ({
      status: s.status,
      starting: s.starting,
      hasRun: s.runSolverId !== undefined,
      switchTo: s.runSolverId !== undefined && s.runSolverId !== s.solverId ? s.solverId : undefined,
      blocker: selectSolveBlocker(s),
      continueBlocker: selectContinueBlocker(s),
    })),
  );
  const running = status === 'running';
  // While a run is being started, a second Solve or Step would start it again.
  const busy = running || starting;
  // Step continues the run when there is one, and starts a new one otherwise.
  const stepBlocker = hasRun ? continueBlocker : blocker;
  return (
    <div className="run-controls" role="toolbar" aria-label="Run">
      <Button variant="primary" testId="run.solve" onClick={() => void solve()} disabled={busy || blocker !== ''} title="Start a new run (Ctrl+Enter)">
        Solve
      </Button>
      <Button testId="run.step" onClick={() => void step()} disabled={busy || stepBlocker !== ''} title="Compute one generation">
        Step
      </Button>
      <Button testId="run.pause" onClick={() => void pause()} disabled={!running}>
        Pause
      </Button>
      <Button testId="run.resume" onClick={() => void resume()} disabled={running || !hasRun || continueBlocker !== ''} title={switchTo ? 'Continue from the best point with the solver chosen in the setup' : 'Continue the run'}>
        {switchTo ? `Continue with ${getSolverMeta(switchTo).label}` : 'Resume'}
      </Button>
      <Button testId="run.stop" onClick={() => void stop()} disabled={!running && status !== 'paused'}>
        Stop
      </Button>
      <Button testId="run.reset" onClick={() => void reset()} disabled={status === 'idle' && !hasRun}>
        Reset
      </Button>
      {blocker && !running ? (
        <p className="run-blocker" data-testid="run.blocker" role="status">
          {blocker}
        </p>
      ) : null}
    </div>
  );
}

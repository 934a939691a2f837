import { getSolverMeta } from '../../../src/core/index';
import { Button } from '../../components/Button';
import { useShallow, useStudioStore } from '../../store/index';
import { pause, reset, resume, solve, step, stop } from '../../store/runActions';
import { selectSolveBlocker } from '../../store/setupSlice';

/**
 * Solve, Step, Pause, Resume, Stop, Reset: enabled by the run's status. A new run also waits for the problem
 * module and the setup to be valid (the blocker says why not, beside the buttons).
 */
export function RunControls() {
  const { status, hasRun, switchTo, blocker } = useStudioStore(
    useShallow((s) => ({
      status: s.status,
      hasRun: s.runSolverId !== undefined,
      switchTo: s.runSolverId !== undefined && s.runSolverId !== s.solverId ? s.solverId : undefined,
      blocker: selectSolveBlocker(s),
    })),
  );
  const running = status === 'running';
  return (
    <div className="run-controls" role="toolbar" aria-label="Run">
      <Button variant="primary" testId="run.solve" onClick={() => void solve()} disabled={running || blocker !== ''} title="Start a new run (Ctrl+Enter)">
        Solve
      </Button>
      <Button testId="run.step" onClick={() => void step()} disabled={running || (!hasRun && blocker !== '')} title="Compute one generation">
        Step
      </Button>
      <Button testId="run.pause" onClick={() => void pause()} disabled={!running}>
        Pause
      </Button>
      <Button testId="run.resume" onClick={() => void resume()} disabled={running || !hasRun} title={switchTo ? 'Continue from the best point with the solver chosen in the setup' : 'Continue the run'}>
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

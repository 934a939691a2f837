import { Panel } from '../../components/Panel';
import { RunControls } from './RunControls';
import { RunStatus } from './RunStatus';

/** The run panel: controls and the run's numbers. */
export function RunPanel() {
  return (
    <Panel title="Run" area="run" testId="run.panel">
      <RunControls />
      <RunStatus />
    </Panel>
  );
}

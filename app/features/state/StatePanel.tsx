import { useState, type DragEvent } from 'react';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { formatCost } from '../../components/format';
import { Panel } from '../../components/Panel';
import { useShallow, useStudioStore } from '../../store/index';
import { discardAutosave, exportLog, exportState, importState, restartFromLog, restoreAutosave } from '../../store/runActions';

/**
 * Saving and loading runs: the state file (the CLI's --save/--resume format), the generation log (mystic's
 * LoggingMonitor format), a restart from a log, and the offer to restore an autosaved run.
 */
export function StatePanel() {
  const { hasRun, offer, autosaved, problems, notice } = useStudioStore(
    useShallow((s) => ({ hasRun: s.runSolverId !== undefined, offer: s.autosaveOffer, autosaved: s.autosaved, problems: s.importProblems, notice: s.notice })),
  );
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void importState(file);
  };

  return (
    <Panel title="Saved runs" area="state" testId="state.panel">
      {offer ? (
        <Banner tone="info" testId="autosave.offer">
          <p>
            A run of {offer.problemName} ({offer.solverId}, generation {offer.generation}, best cost {formatCost(offer.bestCost)}) was saved at{' '}
            {new Date(offer.savedAt).toLocaleString()}.
          </p>
          <div className="row">
            <Button variant="primary" testId="autosave.restore" onClick={() => void restoreAutosave()}>
              Restore it
            </Button>
            <Button testId="autosave.discard" onClick={() => void discardAutosave()}>
              Discard
            </Button>
          </div>
        </Banner>
      ) : null}
      {autosaved && hasRun ? (
        <p className="notice" data-testid="autosave.status">
          {autosaved.generation < 0
            ? `Autosaved at ${new Date(autosaved.savedAt).toLocaleTimeString()}, before its first generation.`
            : `Autosaved at ${new Date(autosaved.savedAt).toLocaleTimeString()}, generation ${autosaved.generation}.`}
        </p>
      ) : null}
      <div className="row">
        <Button testId="state.export" onClick={() => void exportState()} disabled={!hasRun} title="Download the solver state (the CLI resumes it with --resume)">
          Export state
        </Button>
        <Button testId="log.export" onClick={() => void exportLog()} disabled={!hasRun} title="Download the generation log (mystic's LoggingMonitor format)">
          Export log
        </Button>
      </div>
      <div
        className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
        data-testid="state.drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className="file-button">
          Import state…
          <input
            type="file"
            accept=".json,application/json"
            data-testid="state.import"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void importState(file);
            }}
          />
        </label>
        <span> or drop a state file here</span>
      </div>
      <label className="file-button">
        Restart from a log…
        <input
          type="file"
          accept=".txt,.log,text/plain"
          data-testid="log.restart"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void restartFromLog(file);
          }}
        />
      </label>
      {problems.length > 0 ? (
        <Banner tone="error" testId="state.error">
          <p>The file was not imported:</p>
          <ul>
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {notice ? (
        <p className="notice" data-testid="state.notice" role="status">
          {notice}
        </p>
      ) : null}
    </Panel>
  );
}

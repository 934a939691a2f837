import { Button } from '../../components/Button';
import { formatCount } from '../../components/format';
import { removeHost } from '../../store/hostActions';
import { useShallow, useStudioStore } from '../../store/index';
import { hostRows, type HostRow } from './hostRows';

const stateLabels: Record<string, string> = {
  local: 'this machine',
  connecting: 'connecting',
  ready: 'ready',
  lost: 'lost, reconnecting',
  'unknown-key': 'unknown key',
  'changed-key': 'key changed: refused',
  failed: 'failed',
};

/** Every host with its state and the run's figures for it (tasks, evaluations per second, latency, errors). */
export function HostList({ onReviewKey }: { readonly onReviewKey: (name: string) => void }) {
  const { hosts, figures } = useStudioStore(useShallow((s) => ({ hosts: s.hosts, figures: s.hostFigures })));
  const rows = hostRows(hosts, figures);
  if (rows.length === 0) {
    return (
      <p className="placeholder" data-testid="hosts.empty">
        No hosts: evaluations run on this machine. Add one to run them over SSH too.
      </p>
    );
  }
  return (
    <ul className="host-list" data-testid="hosts.list">
      {rows.map((row) => (
        <HostLine key={row.name} row={row} onReviewKey={onReviewKey} />
      ))}
    </ul>
  );
}

function HostLine({ row, onReviewKey }: { readonly row: HostRow; readonly onReviewKey: (name: string) => void }) {
  const state = row.status?.state ?? 'local';
  const figures = row.figures;
  return (
    <li className="host" data-testid="hosts.row" data-host={row.name} data-state={state}>
      <div className="host-head">
        <span className="host-name">{row.name === 'local' ? 'local workers' : row.name}</span>
        <span className={`host-state host-state-${state}`} data-testid="hosts.state">
          {stateLabels[state] ?? state}
        </span>
        {row.status?.state === 'unknown-key' ? (
          <Button testId="hosts.review-key" onClick={() => onReviewKey(row.name)}>
            Check key…
          </Button>
        ) : null}
        {row.status ? (
          <Button testId="hosts.remove" onClick={() => removeHost(row.name)} aria-label={`Remove ${row.name}`} title="Disconnect and forget this host">
            Remove
          </Button>
        ) : null}
      </div>
      <dl className="host-figures">
        <Figure label="workers" testId="hosts.workers" value={String(row.workers)} />
        <Figure label="tasks" testId="hosts.tasks" value={figures ? formatCount(figures.tasks) : '—'} />
        <Figure label="evals/s" testId="hosts.rate" value={figures ? formatCount(figures.evaluationsPerSecond) : '—'} />
        <Figure label="latency" testId="hosts.latency" value={row.latencyMs === undefined ? '—' : `${row.latencyMs.toFixed(1)} ms`} />
        <Figure label="errors" testId="hosts.errors" value={figures ? formatCount(figures.errors) : '—'} />
      </dl>
      {row.status?.message ? (
        <p className="host-message" data-testid="hosts.message">
          {row.status.message}
        </p>
      ) : null}
    </li>
  );
}

/** One figure, kept on one line. */
function Figure({ label, value, testId }: { readonly label: string; readonly value: string; readonly testId: string }) {
  return (
    <div className="host-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

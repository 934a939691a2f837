import { useState } from 'react';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { NumberInput } from '../../components/NumberInput';
import { Panel } from '../../components/Panel';
import { dismissRelayNotice } from '../../store/hostActions';
import { useShallow, useStudioStore } from '../../store/index';
import { AddHostForm } from './AddHostForm';
import { HostList } from './HostList';
import { hostAwaitingKey, keyOf } from './hostRows';
import { KeyDialog } from './KeyDialog';
import './hosts.css';

/**
 * Remote hosts (docs/remote.md): the relay's hosts with their states and the run's per-host figures, the
 * form that adds one, the dialog that accepts an unknown host key, and where the run's evaluations go.
 */
export function HostsPanel() {
  const view = useStudioStore(
    useShallow((s) => ({
      hosts: s.hosts,
      relayState: s.relayState,
      relayNotice: s.relayNotice,
      waiting: s.waitingForHosts && s.status === 'running',
      remoteOnly: s.remoteOnly,
      localWorkerCap: s.localWorkerCap,
      workers: s.workers,
    })),
  );
  const setRemoteOnly = useStudioStore((s) => s.setRemoteOnly);
  const setLocalWorkerCap = useStudioStore((s) => s.setLocalWorkerCap);
  const [adding, setAdding] = useState(false);
  /** The host whose key the user asked to review; otherwise the dialog offers the first key not put off. */
  const [reviewing, setReviewing] = useState<string | undefined>(undefined);
  const [putOff, setPutOff] = useState<ReadonlySet<string>>(new Set());
  const awaitingKey = hostAwaitingKey(view.hosts, reviewing, putOff);

  return (
    <Panel
      title="Hosts"
      area="hosts"
      testId="hosts.panel"
      actions={
        <Button testId="hosts.add" onClick={() => setAdding(true)} disabled={adding || view.relayState !== 'open'} title="Run evaluations on another machine over SSH">
          Add host…
        </Button>
      }
    >
      {view.relayState !== 'open' ? (
        <p className="notice" data-testid="hosts.relay" role="status">
          {view.relayNotice || 'Connecting to the relay…'} Remote hosts need the studio served by <code>npm start</code>.
        </p>
      ) : null}
      {view.relayState === 'open' && view.relayNotice ? (
        <Banner tone="error" testId="hosts.notice">
          <p>{view.relayNotice}</p>
          <Button testId="hosts.notice.dismiss" onClick={dismissRelayNotice}>
            Dismiss
          </Button>
        </Banner>
      ) : null}
      {view.waiting ? (
        <Banner tone="info" testId="hosts.waiting">
          The run is paused, waiting for hosts: no worker can take its evaluations until a host is ready again. It goes on by itself.
        </Banner>
      ) : null}
      {adding ? <AddHostForm onDone={() => setAdding(false)} /> : null}
      <HostList onReviewKey={setReviewing} />
      <div className="hosts-options">
        <label className="hosts-check">
          <input type="checkbox" data-testid="hosts.remote-only" checked={view.remoteOnly} onChange={(event) => setRemoteOnly(event.target.checked)} />
          Use remote hosts only
        </label>
        <Field label="Local workers beside hosts" help={`Empty: the setup's ${view.workers}. Used when hosts are listed; 0 also means hosts only.`}>
          {({ id, describedBy }) => (
            <NumberInput
              id={id}
              aria-describedby={describedBy}
              testId="hosts.local-cap"
              value={view.localWorkerCap}
              allowEmpty
              integer
              min={0}
              disabled={view.remoteOnly}
              placeholder={String(view.workers)}
              onValue={(value) => setLocalWorkerCap(value === null ? null : Math.max(0, value))}
            />
          )}
        </Field>
      </div>
      {awaitingKey ? (
        <KeyDialog
          key={keyOf(awaitingKey)}
          host={awaitingKey}
          onClose={() => {
            setPutOff(new Set([...putOff, keyOf(awaitingKey)]));
            setReviewing(undefined);
          }}
        />
      ) : null}
    </Panel>
  );
}

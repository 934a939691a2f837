import { useEffect, useId, useRef } from 'react';
import { Button } from '../../components/Button';
import { acceptHostKey, removeHost } from '../../store/hostActions';
import type { HostStatus } from '../../../src/protocol/index';

/**
 * A host presented a key that is not in known_hosts: show its fingerprint, and connect only if the user
 * accepts it. Closing the dialog (Escape, "Not now") leaves the host waiting; its line offers the dialog again.
 */
export function KeyDialog({ host, onClose }: { readonly host: HostStatus; readonly onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const fingerprint = host.fingerprint ?? '';
  return (
    <dialog
      ref={dialog}
      className="key-dialog"
      aria-labelledby={titleId}
      data-testid="hosts.key"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h3 id={titleId}>Unknown host key</h3>
      <p>
        <strong data-testid="hosts.key.host">{host.name}</strong> presented a key that is not in the known hosts file. Accept it only if its
        fingerprint is the one the host&apos;s administrator gives you (on the host: <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>).
      </p>
      <p className="key-fingerprint number" data-testid="hosts.key.fingerprint">
        {fingerprint}
      </p>
      <div className="row">
        <Button
          variant="primary"
          testId="hosts.key.accept"
          onClick={() => {
            acceptHostKey(host.name, fingerprint);
            onClose();
          }}
        >
          Accept and connect
        </Button>
        <Button testId="hosts.key.later" onClick={onClose}>
          Not now
        </Button>
        <Button
          testId="hosts.key.remove"
          onClick={() => {
            removeHost(host.name);
            onClose();
          }}
        >
          Remove the host
        </Button>
      </div>
    </dialog>
  );
}

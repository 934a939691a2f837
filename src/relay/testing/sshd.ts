import { sshdUnavailable } from '../../../scripts/sshd';

// The relay's tests run real sshd instances through the same helper as the end-to-end journey.
export { fingerprintOf, keyPair, publicKeyBlob, startSshd, type Sshd } from '../../../scripts/sshd';

/** Whether sshd can run here (root, openssh-server installed or installable). */
export function sshdAvailable(): boolean {
  return sshdUnavailable() === '';
}

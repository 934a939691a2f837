// Makes sure the system packages the tests need are present: Debian's chromium (end-to-end tests) and
// openssh-server (remote-host tests). Installs them with apt-get when running as root; otherwise stops
// with one line saying what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = {
  chromium: { probe: '/usr/bin/chromium', packages: ['chromium'] },
  sshd: { probe: '/usr/sbin/sshd', packages: ['openssh-server', 'openssh-client'] },
};

const wanted = process.argv.slice(2);
const missing = wanted.flatMap((name) => {
  const need = needs[name];
  if (!need) throw new Error(`ensure-system: unknown requirement '${name}'`);
  return existsSync(need.probe) ? [] : need.packages;
});

if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    process.stderr.write(`Missing system packages: install them with \`sudo apt-get install -y ${missing.join(' ')}\`, then run the tests again.\n`);
    process.exit(1);
  }
  process.stdout.write(`Installing system packages: ${missing.join(' ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`apt-get could not install ${missing.join(' ')}; install them by hand and run the tests again.\n`);
    process.exit(1);
  }
}

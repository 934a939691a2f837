export { HostsPanel } from './HostsPanel';

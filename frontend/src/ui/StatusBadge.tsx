import type { ConnectionStatus } from '../chat/roomConnection';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  refused: 'Disconnected',
};

export function StatusBadge({ status, detail }: { status: ConnectionStatus; detail?: string }) {
  return (
    <span class={`status status-${status}`} role="status" data-testid="connection-status" title={detail}>
      <i aria-hidden="true" />
      {LABELS[status]}
      {status === 'refused' && detail ? `: ${detail}` : ''}
    </span>
  );
}

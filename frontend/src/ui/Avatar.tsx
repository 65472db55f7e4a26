import { hueOf, initials } from '../chat/grouping';
import type { User } from '../chat/protocol';

export function Avatar({ user, role, size = 36 }: { user: User; role?: string; size?: number }) {
  const assistant = role === 'assistant';
  return (
    <span
      class={`avatar${assistant ? ' avatar-ai' : ''}`}
      style={{
        width: `${size}px`,
        height: `${size}px`,
        fontSize: `${Math.round(size * 0.4)}px`,
        background: assistant ? undefined : `hsl(${hueOf(user.id)} 55% 42%)`,
      }}
      aria-hidden="true"
    >
      {assistant ? '✦' : initials(user.name)}
    </span>
  );
}

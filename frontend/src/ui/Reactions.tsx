import { useState } from 'preact/hooks';
import type { Entry } from '../chat/roomState';

const QUICK = ['👍', '❤️', '😂', '🎉', '😮', '😢', '👀', '✅'];

interface Props {
  entry: Entry;
  you: string | null;
  toggle: (emoji: string) => void;
  /** the picker is open (the message's React button opens it) */
  picking: boolean;
  setPicking: (picking: boolean) => void;
}

/** A message's reactions as toggles with counts (who reacted on hover), and a picker to add one. */
export function Reactions({ entry, you, toggle, picking, setPicking }: Props) {
  const [other, setOther] = useState('');
  if (!picking && !entry.reactions?.length) return null;
  const pick = (emoji: string) => {
    toggle(emoji);
    setPicking(false);
    setOther('');
  };
  return (
    <div class="reactions">
      {(entry.reactions ?? []).map((reaction) => {
        const names = reaction.users.map((u) => u.name).join(', ');
        const mine = reaction.users.some((u) => u.id === you);
        return (
          <button
            type="button"
            key={reaction.emoji}
            class={`reaction${mine ? ' mine' : ''}`}
            aria-pressed={mine}
            title={names}
            aria-label={`${reaction.emoji} ${reaction.users.length}: ${names}`}
            onClick={() => toggle(reaction.emoji)}
          >
            <span>{reaction.emoji}</span> <span class="count">{reaction.users.length}</span>
          </button>
        );
      })}
      {picking && (
        <form
          class="reaction-picker"
          aria-label="Pick a reaction"
          onSubmit={(e) => {
            e.preventDefault();
            if (other.trim()) pick(other.trim());
          }}
        >
          {QUICK.map((emoji) => (
            <button type="button" key={emoji} class="reaction" aria-label={`React with ${emoji}`} onClick={() => pick(emoji)}>
              {emoji}
            </button>
          ))}
          <input
            aria-label="Another emoji"
            placeholder="other…"
            size={6}
            maxLength={16}
            value={other}
            onInput={(e) => setOther(e.currentTarget.value)}
          />
        </form>
      )}
    </div>
  );
}

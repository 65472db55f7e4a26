import { useEffect, useRef, useState } from 'preact/hooks';
import { mentionAt } from '../chat/mentions';
import type { Entry } from '../chat/roomState';

const BODY_MAX = 4000;
const TYPING_IDLE_MS = 3000;

interface Props {
  send: (body: string) => void;
  typing: (t: boolean) => void;
  disabled: boolean;
  /** the message the next one answers, shown above the field until sent or cancelled */
  replyingTo?: Entry | null;
  cancelReply?: () => void;
  /** names `@` suggests: the room's members */
  members?: string[];
}

export function Composer({ send, typing, disabled, replyingTo, cancelReply, members = [] }: Props) {
  const [text, setText] = useState('');
  const [mention, setMention] = useState<{ start: number; query: string; caret: number } | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = mention ? members.filter((name) => name.toLowerCase().startsWith(mention.query.toLowerCase())).slice(0, 6) : [];
  const choose = (name: string) => {
    if (!mention) return;
    const next = `${text.slice(0, mention.start)}@${name} ${text.slice(mention.caret)}`;
    setText(next);
    setMention(null);
    const caret = mention.start + name.length + 2;
    requestAnimationFrame(() => input.current?.setSelectionRange(caret, caret));
  };
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (replyingTo) input.current?.focus();
  }, [replyingTo]);
  const typingSince = useRef<number | null>(null);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopTyping = () => {
    clearTimeout(idleTimer.current);
    if (typingSince.current !== null) typing(false);
    typingSince.current = null;
  };

  const onInput = (value: string) => {
    setText(value);
    if (value.trim() === '') return stopTyping();
    if (typingSince.current === null || Date.now() - typingSince.current > TYPING_IDLE_MS) {
      typing(true);
      typingSince.current = Date.now();
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const submit = () => {
    const body = text.trim();
    if (!body || [...body].length > BODY_MAX) return;
    send(body);
    setText('');
    stopTyping();
  };

  const length = [...text].length;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {replyingTo && (
        <p class="replying-to" role="status">
          Replying to <strong>{replyingTo.user.name}</strong>: <span class="excerpt">{replyingTo.body}</span>{' '}
          <button type="button" class="link" aria-label="Cancel the reply" onClick={cancelReply}>
            ×
          </button>
        </p>
      )}
      <label for="composer-input" class="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={input}
        rows={1}
        placeholder="Message the room — mention @assistant to ask the AI"
        value={text}
        aria-describedby="composer-help"
        onInput={(e) => {
          const caret = e.currentTarget.selectionStart ?? e.currentTarget.value.length;
          const found = mentionAt(e.currentTarget.value, caret);
          setMention(found ? { ...found, caret } : null);
          setActive(0);
          onInput(e.currentTarget.value);
        }}
        onBlur={() => setMention(null)}
        onKeyDown={(e) => {
          if (suggestions.length > 0) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              choose(suggestions[Math.min(active, suggestions.length - 1)]);
              return;
            }
            if (e.key === 'Escape') {
              setMention(null);
              return;
            }
          }
          if (e.key === 'Escape' && replyingTo) cancelReply?.();
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {suggestions.length > 0 && (
        <div class="mention-suggestions" aria-live="polite">
          {suggestions.map((name, i) => (
            <button
              type="button"
              key={name}
              tabIndex={-1}
              class={i === active ? 'suggestion active' : 'suggestion'}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(name);
              }}
            >
              @{name}
            </button>
          ))}
        </div>
      )}
      <button class="primary" type="submit" disabled={disabled || !text.trim() || length > BODY_MAX}>
        Send
      </button>
      <small id="composer-help" class={length > BODY_MAX ? 'error' : ''}>
        Enter sends, Shift+Enter adds a line{length > BODY_MAX * 0.9 ? ` · ${length}/${BODY_MAX}` : ''}
      </small>
    </form>
  );
}

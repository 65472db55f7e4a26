import { useRef, useState } from 'preact/hooks';

const BODY_MAX = 4000;
const TYPING_IDLE_MS = 3000;

export function Composer({ send, typing, disabled }: { send: (body: string) => void; typing: (t: boolean) => void; disabled: boolean }) {
  const [text, setText] = useState('');
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
      <label for="composer-input" class="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        rows={1}
        placeholder="Message the room — mention @assistant to ask the AI"
        value={text}
        aria-describedby="composer-help"
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button class="primary" type="submit" disabled={disabled || !text.trim() || length > BODY_MAX}>
        Send
      </button>
      <small id="composer-help" class={length > BODY_MAX ? 'error' : ''}>
        Enter sends, Shift+Enter adds a line{length > BODY_MAX * 0.9 ? ` · ${length}/${BODY_MAX}` : ''}
      </small>
    </form>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/http';
import type { RoomInfo } from '../chat/protocol';

/** The room's title, assistant mode, persona and allowed groups (its creator or an admin may change them). */
export function RoomSettings({ room, onClose }: { room: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<{ title: string; assistant: string; persona: string; groups: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
    api<RoomInfo>('GET', `/api/rooms/${room}`)
      .then((info) =>
        setForm({
          title: info.title ?? '',
          assistant: info.assistant ?? 'mention',
          persona: info.persona ?? '',
          groups: (info.allowedGroups ?? []).join(', '),
        }),
      )
      .catch((e: ApiError) => setError(e.message));
  }, [room]);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    setSaving(true);
    setError(null);
    try {
      await api('PUT', `/api/rooms/${room}`, {
        title: form.title.trim(),
        assistant: form.assistant,
        persona: form.persona,
        allowedGroups: form.groups
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean),
      });
      onClose();
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      setError(status === 403 ? "Only the room's creator or an admin can change its settings." : (e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const set = (key: 'title' | 'assistant' | 'persona' | 'groups') => (e: Event) =>
    setForm((f) => f && { ...f, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <dialog ref={dialog} class="settings" aria-labelledby="settings-title" onClose={onClose}>
      <form onSubmit={save} class="stack">
        <h2 id="settings-title">Room settings</h2>
        {!form && !error && <p>Loading…</p>}
        {form && (
          <>
            <label for="settings-name">Title</label>
            <input id="settings-name" value={form.title} maxLength={200} onInput={set('title')} />
            <label for="settings-assistant">Assistant</label>
            <select id="settings-assistant" value={form.assistant} onChange={set('assistant')}>
              <option value="mention">Answers when mentioned (@assistant)</option>
              <option value="always">Answers every message</option>
              <option value="off">Off</option>
            </select>
            <label for="settings-persona">Persona (the assistant's instructions)</label>
            <textarea id="settings-persona" rows={3} value={form.persona} onInput={set('persona')} />
            <label for="settings-groups">Only these groups may enter (comma separated; empty: everyone)</label>
            <input id="settings-groups" value={form.groups} onInput={set('groups')} />
          </>
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="row end">
          <button type="button" class="link" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={!form || saving}>
            Save
          </button>
        </div>
      </form>
    </dialog>
  );
}

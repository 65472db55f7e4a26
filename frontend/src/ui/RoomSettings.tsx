import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/http';
import type { Participant, Provider, RoomInfo } from '../chat/protocol';

/** The room's title, assistant mode, persona and allowed groups (its creator or an admin may change them). */
export function RoomSettings({ room, onClose }: { room: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<{ title: string; assistant: string; persona: string; groups: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [participants, setParticipants] = useState<Participant[]>([]);
  const [providers, setProviders] = useState<Provider[]>([]);

  useEffect(() => {
    dialog.current?.showModal();
    api<Provider[]>('GET', '/api/assistant/providers').then(setProviders, () => setProviders([]));
    api<RoomInfo>('GET', `/api/rooms/${room}`)
      .then((info) => {
        setParticipants(info.participants ?? []);
        setForm({
          title: info.title ?? '',
          assistant: info.assistant ?? 'mention',
          persona: info.persona ?? '',
          groups: (info.allowedGroups ?? []).join(', '),
        });
      })
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
        participants: participants.map((p) => ({ ...p, name: p.name.trim().toLowerCase(), persona: p.persona ?? '' })),
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
            <ParticipantsEditor participants={participants} providers={providers} change={setParticipants} />
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

/** The room's named AI participants: each is mentioned as @name and answers with its own provider, model and persona. */
function ParticipantsEditor({
  participants,
  providers,
  change,
}: {
  participants: Participant[];
  providers: Provider[];
  change: (next: Participant[]) => void;
}) {
  const edit = (index: number, patch: Partial<Participant>) => change(participants.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  const add = () => {
    const first = providers[0];
    if (first) change([...participants, { name: '', provider: first.name, model: first.models[0], persona: '' }]);
  };
  return (
    <fieldset class="participants">
      <legend>AI participants besides @assistant</legend>
      {providers.length === 0 && <p class="note">No language-model provider is configured on this server.</p>}
      {participants.map((p, i) => {
        const models = providers.find((provider) => provider.name === p.provider)?.models ?? [p.model];
        return (
          <div class="participant" key={i} data-testid="participant">
            <label>
              Name (mentioned as @name)
              <input
                value={p.name}
                required
                pattern="[a-z][a-z0-9_\-]{1,31}"
                placeholder="reviewer"
                onInput={(e) => edit(i, { name: e.currentTarget.value })}
              />
            </label>
            <label>
              Model
              <select
                value={`${p.provider}/${p.model}`}
                onChange={(e) => {
                  const [provider, ...model] = e.currentTarget.value.split('/');
                  edit(i, { provider, model: model.join('/') });
                }}
              >
                {providers.flatMap((provider) =>
                  (provider.name === p.provider ? models : provider.models).map((model) => (
                    <option key={`${provider.name}/${model}`} value={`${provider.name}/${model}`}>
                      {provider.name}: {model}
                    </option>
                  )),
                )}
              </select>
            </label>
            <label>
              Persona
              <textarea rows={2} value={p.persona ?? ''} onInput={(e) => edit(i, { persona: e.currentTarget.value })} />
            </label>
            <button type="button" class="link remove-participant" onClick={() => change(participants.filter((_, j) => j !== i))}>
              Remove @{p.name || 'participant'}
            </button>
          </div>
        );
      })}
      {providers.length > 0 && participants.length < 10 && (
        <button type="button" class="link" onClick={add}>
          Add an AI participant
        </button>
      )}
    </fieldset>
  );
}

import { useRef, useState } from 'preact/hooks';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';
import { type MirrorHostError, parseMirrorHost } from '../../utils/sites/mirrors';

interface Props {
  hosts: readonly string[];
  /** Mirrors whose permission the user withdrew in the browser's own settings. */
  withoutAccess?: ReadonlySet<string>;
  /**
   * Called synchronously from the submit handler, so it can ask for the host permission while the
   * click still counts as a user gesture. Resolves true when the mirror was added, false when refused.
   */
  onAdd(host: string): Promise<boolean>;
  onRemove(host: string): Promise<void>;
}

type Status = { kind: 'error' | 'done'; text: string } | null;

const errorKeys: Record<MirrorHostError, PageMessageKey> = {
  empty: 'optionsMirrorErrorEmpty',
  wildcard: 'optionsMirrorErrorWildcard',
  scheme: 'optionsMirrorErrorScheme',
  credentials: 'optionsMirrorErrorCredentials',
  ip: 'optionsMirrorErrorIp',
  local: 'optionsMirrorErrorLocal',
  invalid: 'optionsMirrorErrorInvalid',
  cdt: 'optionsMirrorErrorCdt',
};

function failure(error: unknown): Status {
  console.error('Coral mirrors:', error);
  return { kind: 'error', text: pageMessage('optionsMirrorFailed') };
}

/** Adding and removing, with the status line and the busy flag they share. */
function useMirrorActions({ hosts, onAdd, onRemove }: Props) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const add = (typed: string) => {
    setStatus(null);
    const parsed = parseMirrorHost(typed);
    if (!parsed.ok) return setStatus({ kind: 'error', text: pageMessage(errorKeys[parsed.error]) });
    const { host } = parsed;
    if (hosts.includes(host)) return setStatus({ kind: 'error', text: pageMessage('optionsMirrorDuplicate', [host]) });
    // No await before this call: the permission prompt needs the gesture of this very event.
    const adding = onAdd(host);
    setBusy(true);
    adding
      .then(
        (added) => {
          setStatus(
            added
              ? { kind: 'done', text: pageMessage('optionsMirrorAdded', [host]) }
              : { kind: 'error', text: pageMessage('optionsMirrorDenied', [host]) },
          );
          if (added) setText('');
        },
        (error: unknown) => setStatus(failure(error)),
      )
      .finally(() => setBusy(false));
  };

  const remove = (host: string) => {
    setBusy(true);
    onRemove(host)
      .then(
        () => setStatus({ kind: 'done', text: pageMessage('optionsMirrorRemoved', [host]) }),
        (error: unknown) => setStatus(failure(error)),
      )
      .finally(() => setBusy(false));
  };
  return { text, setText, status, busy, add, remove };
}

function MirrorList(props: {
  hosts: readonly string[];
  withoutAccess?: ReadonlySet<string>;
  busy: boolean;
  onRemove(host: string): void;
}) {
  if (props.hosts.length === 0) return <p class="empty">{pageMessage('optionsMirrorNone')}</p>;
  return (
    <ul class="mirror-list">
      {props.hosts.map((host) => (
        <li key={host}>
          <span class="host" dir="ltr">
            {host}
          </span>
          {props.withoutAccess?.has(host) && <span class="warning">{pageMessage('optionsMirrorNoAccess')}</span>}
          <button
            type="button"
            class="remove"
            disabled={props.busy}
            aria-label={pageMessage('optionsMirrorRemove', [host])}
            title={pageMessage('optionsMirrorRemove', [host])}
            onClick={() => props.onRemove(host)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The list of CDT mirrors with a form to add one; the page decides how adding and removing happen. */
export function MirrorHosts(props: Props) {
  const { text, setText, status, busy, add, remove } = useMirrorActions(props);
  const input = useRef<HTMLInputElement>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    // The field itself, not state: a paste and Enter can arrive before the next render.
    add(input.current?.value ?? text);
  };

  return (
    <section class="mirrors" aria-labelledby="mirrors-heading">
      <h2 id="mirrors-heading">{pageMessage('optionsMirrorsHeading')}</h2>
      <p class="hint">{pageMessage('optionsMirrorsIntro')}</p>
      <form class="mirror-form" onSubmit={submit} noValidate>
        <label for="mirror-host">{pageMessage('optionsMirrorLabel')}</label>
        <div class="mirror-row">
          <input
            id="mirror-host"
            ref={input}
            type="text"
            inputMode="url"
            autocomplete="off"
            autoCapitalize="off"
            spellcheck={false}
            placeholder="cdt.example.org"
            value={text}
            aria-invalid={status?.kind === 'error' ? 'true' : undefined}
            aria-describedby="mirror-status"
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <button type="submit" disabled={busy}>
            {pageMessage('optionsMirrorAdd')}
          </button>
        </div>
        <p
          id="mirror-status"
          class={`status ${status?.kind ?? ''}`}
          role={status?.kind === 'error' ? 'alert' : 'status'}
        >
          {status?.text}
        </p>
      </form>
      <MirrorList hosts={props.hosts} withoutAccess={props.withoutAccess} busy={busy} onRemove={remove} />
    </section>
  );
}

import { useRef, useState } from 'preact/hooks';
import {
  type BridgeFields,
  type BridgeInputError,
  type BridgeInputResult,
  bridgeToUrl,
  describeBridge,
  parseBridgeUrl,
  recogniseTorBridgeLine,
  validateBridgeFields,
} from '../../utils/bridge/config';
import { BRIDGE_PRESETS, type BridgePreset } from '../../utils/bridge/presets';
import type { Bridge } from '../../utils/shared/bridge-types';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';

const ERROR_KEYS: Record<BridgeInputError, PageMessageKey> = {
  empty: 'optionsBridgeErrEmpty',
  // Shown as a full explanation instead (see torLine below); this is only the fallback.
  'tor-bridge-line': 'optionsBridgeTorLine',
  'no-scheme': 'optionsBridgeErrNoScheme',
  socks4: 'optionsBridgeErrSocks4',
  'unsupported-scheme': 'optionsBridgeErrScheme',
  'control-character': 'optionsBridgeErrControl',
  whitespace: 'optionsBridgeErrSpace',
  quote: 'optionsBridgeErrQuote',
  'invalid-character': 'optionsBridgeErrCharacter',
  path: 'optionsBridgeErrPath',
  'invalid-host': 'optionsBridgeErrHost',
  'ipv6-brackets': 'optionsBridgeErrIpv6',
  'missing-port': 'optionsBridgeErrMissingPort',
  'invalid-port': 'optionsBridgeErrPort',
  'socks-credentials': 'optionsBridgeErrSocksLogin',
  'invalid-credentials': 'optionsBridgeErrLogin',
};

export function bridgeErrorText(error: BridgeInputError): string {
  return pageMessage(ERROR_KEYS[error], ['Tor']);
}

const EMPTY_FIELDS: BridgeFields & { port: string } = {
  scheme: 'socks5',
  host: '',
  port: '',
  username: '',
  password: '',
};

interface Props {
  /** Adds the bridge to the list being edited; returns why not (a duplicate), or null when added. */
  onAdd(bridge: Omit<Bridge, 'id'>, presetId?: string): string | null;
}

type Feedback = { kind: 'error' | 'ok' | 'tor'; text: string } | null;

/** Typing, pasting or picking a bridge, checked as the user types. */
export function BridgeForm({ onAdd }: Props) {
  const [separate, setSeparate] = useState(false);
  const [url, setUrl] = useState('');
  const [fields, setFields] = useState(EMPTY_FIELDS);
  const [name, setName] = useState('');
  const [preset, setPreset] = useState<string | undefined>();
  const [tried, setTried] = useState(false);
  /** The outcome of the last Add, until the next edit. */
  const [note, setNote] = useState<Feedback>(null);
  const address = useRef<HTMLInputElement>(null);

  const typed = separate ? fields.host.trim() !== '' || fields.port.trim() !== '' : url.trim() !== '';
  const torLine = separate ? null : recogniseTorBridgeLine(url);
  const result: BridgeInputResult = separate ? validateBridgeFields(fields) : parseBridgeUrl(url);

  let feedback: Feedback = null;
  if (torLine) feedback = { kind: 'tor', text: pageMessage('optionsBridgeTorLine', [torLine.transport]) };
  else if (note) feedback = note;
  else if (!result.ok && (typed || tried)) feedback = { kind: 'error', text: bridgeErrorText(result.error) };
  else if (result.ok && typed) {
    feedback = { kind: 'ok', text: pageMessage('optionsBridgeLooksRight', [describeBridge(result.bridge)]) };
  }

  const edited = () => {
    setNote(null);
    setPreset(undefined);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (!result.ok) return;
    const bridge = { ...result.bridge, ...(name.trim() ? { name: name.trim() } : {}) };
    const refused = onAdd(bridge, preset);
    if (refused) return setNote({ kind: 'error', text: refused });
    setNote({ kind: 'ok', text: pageMessage('optionsBridgeAdded', [describeBridge(bridge)]) });
    setUrl('');
    setFields(EMPTY_FIELDS);
    setName('');
    setPreset(undefined);
    setTried(false);
  };

  const usePreset = (choice: BridgePreset) => {
    setSeparate(false);
    setUrl(bridgeToUrl(choice.bridge));
    setName(choice.name);
    setNote(null);
    setPreset(choice.id);
    address.current?.focus();
  };

  const field = (key: keyof typeof EMPTY_FIELDS) => ({
    value: fields[key],
    onInput: (event: Event) => {
      edited();
      const { value } = event.currentTarget as HTMLInputElement;
      setFields((current) => ({ ...current, [key]: value }));
    },
  });

  const invalid = feedback?.kind === 'error' || feedback?.kind === 'tor' ? 'true' : undefined;

  return (
    <form class="bridge-form" onSubmit={submit} noValidate>
      <h3>{pageMessage('optionsBridgeAddHeading')}</h3>
      {separate ? (
        <div class="bridge-fields">
          <label>
            {pageMessage('optionsBridgeScheme')}
            <select {...field('scheme')} onChange={field('scheme').onInput}>
              <option value="socks5">SOCKS5</option>
              <option value="http">HTTP</option>
              <option value="https">HTTPS</option>
            </select>
          </label>
          <label>
            {pageMessage('optionsBridgeHost')}
            <input type="text" autocomplete="off" spellcheck={false} aria-invalid={invalid} {...field('host')} />
          </label>
          <label>
            {pageMessage('optionsBridgePort')}
            <input type="text" inputMode="numeric" autocomplete="off" aria-invalid={invalid} {...field('port')} />
          </label>
          <label>
            {pageMessage('optionsBridgeUser')}
            <input type="text" autocomplete="off" spellcheck={false} {...field('username')} />
          </label>
          <label>
            {pageMessage('optionsBridgePassword')}
            <input type="password" autocomplete="new-password" {...field('password')} />
          </label>
        </div>
      ) : (
        <>
          <label for="bridge-address">{pageMessage('optionsBridgeAddressLabel')}</label>
          <input
            id="bridge-address"
            ref={address}
            type="text"
            inputMode="url"
            autocomplete="off"
            autoCapitalize="off"
            spellcheck={false}
            placeholder="socks5://127.0.0.1:1080"
            value={url}
            aria-invalid={invalid}
            aria-describedby="bridge-address-hint bridge-address-status"
            onInput={(event) => {
              edited();
              setUrl(event.currentTarget.value);
            }}
          />
          <p id="bridge-address-hint" class="hint">
            {pageMessage('optionsBridgeAddressHint')}
          </p>
        </>
      )}
      <p
        id="bridge-address-status"
        class={`status ${feedback?.kind === 'ok' ? 'done' : feedback ? 'error' : ''} ${feedback?.kind === 'tor' ? 'tor' : ''}`}
        role={feedback && feedback.kind !== 'ok' ? 'alert' : 'status'}
      >
        {feedback?.text}
      </p>
      <label class="check">
        <input
          type="checkbox"
          checked={separate}
          onChange={(event) => {
            setSeparate(event.currentTarget.checked);
            setTried(false);
          }}
        />
        {pageMessage('optionsBridgeSeparateFields')}
      </label>
      <label for="bridge-name">{pageMessage('optionsBridgeName')}</label>
      <div class="mirror-row">
        <input
          id="bridge-name"
          type="text"
          value={name}
          maxLength={100}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit">{pageMessage('optionsBridgeAdd')}</button>
      </div>
      <h3>{pageMessage('optionsBridgePresetsHeading')}</h3>
      <ul class="presets">
        {BRIDGE_PRESETS.map((choice) => (
          <li key={choice.id}>
            <button type="button" class="preset" onClick={() => usePreset(choice)}>
              {pageMessage('optionsBridgePresetFill', [choice.name])}{' '}
              <span class="preset-address" dir="ltr">{`${choice.bridge.host}:${choice.bridge.port}`}</span>
            </button>
            <p class="hint">{pageMessage(choice.explanationKey)}</p>
          </li>
        ))}
      </ul>
    </form>
  );
}

import { useRef, useState } from 'preact/hooks';
import { type BridgeInputError, bridgeToUrl, describeBridge } from '../../utils/bridge/config';
import {
  bridgeToAdd,
  EMPTY_FIELDS,
  type FormFeedback,
  type FormFields,
  type FormNote,
  formFeedback,
  formResult,
} from '../../utils/bridge/form';
import { BRIDGE_PRESETS, type BridgePreset } from '../../utils/bridge/presets';
import type { Bridge } from '../../utils/shared/bridge-types';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';
import { AddressField, BridgePresets, SeparateFields } from './BridgeFormParts';

const ERROR_KEYS: Record<BridgeInputError, PageMessageKey> = {
  empty: 'optionsBridgeErrEmpty',
  // Shown as a full explanation instead (see formFeedback); this is only the fallback.
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

interface Props {
  /** Adds the bridge to the list being edited; returns why not (a duplicate), or null when added. */
  onAdd(bridge: Omit<Bridge, 'id'>, presetId?: string): string | null;
}

type Shown = { kind: 'error' | 'ok' | 'tor'; text: string } | null;

function shown(feedback: FormFeedback): Shown {
  switch (feedback.kind) {
    case 'tor':
      return { kind: 'tor', text: pageMessage('optionsBridgeTorLine', [feedback.transport]) };
    case 'note':
      return feedback.note;
    case 'invalid':
      return { kind: 'error', text: bridgeErrorText(feedback.error) };
    case 'valid':
      return { kind: 'ok', text: pageMessage('optionsBridgeLooksRight', [describeBridge(feedback.bridge)]) };
    case 'none':
      return null;
  }
}

function StatusLine({ feedback }: { feedback: Shown }) {
  const tone = feedback?.kind === 'ok' ? 'done' : feedback ? 'error' : '';
  return (
    <p
      id="bridge-address-status"
      class={`status ${tone} ${feedback?.kind === 'tor' ? 'tor' : ''}`}
      role={feedback && feedback.kind !== 'ok' ? 'alert' : 'status'}
    >
      {feedback?.text}
    </p>
  );
}

/** The form's inputs, and the resets an edit, an Add and a preset make. */
function useFormState() {
  const [separate, setSeparate] = useState(false);
  const [url, setUrl] = useState('');
  const [fields, setFields] = useState<FormFields>(EMPTY_FIELDS);
  const [name, setName] = useState('');
  const [preset, setPreset] = useState<string | undefined>();
  const [tried, setTried] = useState(false);
  const [note, setNote] = useState<FormNote | null>(null);
  const edited = () => {
    setNote(null);
    setPreset(undefined);
  };
  return {
    input: { separate, url, fields, tried },
    name,
    preset,
    note,
    setName,
    setNote,
    setTried,
    setSeparate: (on: boolean) => {
      setSeparate(on);
      setTried(false);
    },
    editUrl: (value: string) => {
      edited();
      setUrl(value);
    },
    editField: (key: keyof FormFields, value: string) => {
      edited();
      setFields((current) => ({ ...current, [key]: value }));
    },
    reset: () => {
      setUrl('');
      setFields(EMPTY_FIELDS);
      setName('');
      setPreset(undefined);
      setTried(false);
    },
    fillFrom: (choice: BridgePreset) => {
      setSeparate(false);
      setUrl(bridgeToUrl(choice.bridge));
      setName(choice.name);
      setNote(null);
      setPreset(choice.id);
    },
  };
}

/** Typing, pasting or picking a bridge, checked as the user types. */
export function BridgeForm({ onAdd }: Props) {
  const form = useFormState();
  const address = useRef<HTMLInputElement>(null);
  const feedback = shown(formFeedback(form.input, form.note));
  const invalid = feedback?.kind === 'error' || feedback?.kind === 'tor' ? 'true' : undefined;

  const submit = (event: Event) => {
    event.preventDefault();
    form.setTried(true);
    const result = formResult(form.input);
    if (!result.ok) return;
    const bridge = bridgeToAdd(result.bridge, form.name);
    const refused = onAdd(bridge, form.preset);
    if (refused) return form.setNote({ kind: 'error', text: refused });
    form.setNote({ kind: 'ok', text: pageMessage('optionsBridgeAdded', [describeBridge(bridge)]) });
    form.reset();
  };
  const usePreset = (choice: BridgePreset) => {
    form.fillFrom(choice);
    address.current?.focus();
  };

  return (
    <form class="bridge-form" onSubmit={submit} noValidate>
      <h3>{pageMessage('optionsBridgeAddHeading')}</h3>
      {form.input.separate ? (
        <SeparateFields fields={form.input.fields} invalid={invalid} onField={form.editField} />
      ) : (
        <AddressField url={form.input.url} invalid={invalid} inputRef={address} onUrl={form.editUrl} />
      )}
      <StatusLine feedback={feedback} />
      <label class="check">
        <input
          type="checkbox"
          checked={form.input.separate}
          onChange={(event) => form.setSeparate(event.currentTarget.checked)}
        />
        {pageMessage('optionsBridgeSeparateFields')}
      </label>
      <label for="bridge-name">{pageMessage('optionsBridgeName')}</label>
      <div class="mirror-row">
        <input
          id="bridge-name"
          type="text"
          value={form.name}
          maxLength={100}
          onInput={(e) => form.setName(e.currentTarget.value)}
        />
        <button type="submit">{pageMessage('optionsBridgeAdd')}</button>
      </div>
      <BridgePresets presets={BRIDGE_PRESETS} onPick={usePreset} />
    </form>
  );
}

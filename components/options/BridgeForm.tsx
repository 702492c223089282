import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { SaveOutcome } from '../../hooks/use-bridge-draft';
import { type BridgeInputError, bridgeToUrl, describeBridge } from '../../utils/bridge/config';
import type { TypedBridge } from '../../utils/bridge/draft';
import {
  EMPTY_FIELDS,
  type FormFeedback,
  type FormFields,
  type FormNote,
  formFeedback,
  typedBridge,
  withField,
} from '../../utils/bridge/form';
import type { BridgePreset } from '../../utils/bridge/presets';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';
import { AddressField, SeparateFields } from './BridgeFormParts';

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

/** What the line under the address says once a Save kept the typed bridge. */
function savedNote(outcome: SaveOutcome): FormNote | null {
  if (!outcome.saved || !outcome.typed) return null;
  const { bridge, existed } = outcome.typed;
  const key = existed ? 'optionsBridgeAlreadyListed' : 'optionsBridgeAdded';
  return { kind: 'ok', text: pageMessage(key, [describeBridge(bridge)]) };
}

/**
 * The typed bridge: its inputs, and the resets an edit, a Save and a preset make. `onEdit` hears of every
 * change, so a "Saved." from before does not stand beside an address that is not saved.
 */
export function useAddressForm(onEdit: () => void) {
  const [separate, setSeparate] = useState(false);
  const [url, setUrl] = useState('');
  const [fields, setFields] = useState<FormFields>(EMPTY_FIELDS);
  const [name, setName] = useState('');
  const [preset, setPreset] = useState<string | undefined>();
  const [tried, setTried] = useState(false);
  const [note, setNote] = useState<FormNote | null>(null);
  const input = { separate, url, fields, tried };
  const edited = () => {
    setNote(null);
    setPreset(undefined);
    onEdit();
  };
  return {
    input,
    name,
    note,
    setName: (value: string) => {
      setName(value);
      onEdit();
    },
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
      setFields((current) => withField(current, key, value));
    },
    /** What Save should make of the form now. */
    typed: (): TypedBridge => typedBridge(input, name, preset),
    /** After a Save: a kept bridge leaves the form empty; a Save that wanted a bridge says what is missing. */
    saved: (outcome: SaveOutcome) => {
      if (!outcome.saved) return setTried(outcome.problem === 'no-bridge');
      const note = savedNote(outcome);
      if (!note) return;
      setNote(note);
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
      onEdit();
    },
  };
}

export type AddressForm = ReturnType<typeof useAddressForm>;

/** Typing or pasting a bridge, checked as the user types; the parts separately on request. */
export function AddressPart({ form, inputRef }: { form: AddressForm; inputRef: RefObject<HTMLInputElement | null> }) {
  const feedback = shown(formFeedback(form.input, form.note));
  const invalid = feedback?.kind === 'error' || feedback?.kind === 'tor' ? 'true' : undefined;
  return (
    <>
      <h3>{pageMessage('optionsBridgeAddHeading')}</h3>
      <label class="check">
        <input
          type="checkbox"
          checked={form.input.separate}
          onChange={(event) => form.setSeparate(event.currentTarget.checked)}
        />
        {pageMessage('optionsBridgeSeparateFields')}
      </label>
      {form.input.separate ? (
        <SeparateFields fields={form.input.fields} invalid={invalid} onField={form.editField} />
      ) : (
        <AddressField url={form.input.url} invalid={invalid} inputRef={inputRef} onUrl={form.editUrl} />
      )}
      <StatusLine feedback={feedback} />
      <label for="bridge-name">{pageMessage('optionsBridgeName')}</label>
      <input
        id="bridge-name"
        type="text"
        value={form.name}
        maxLength={100}
        onInput={(e) => form.setName(e.currentTarget.value)}
      />
    </>
  );
}

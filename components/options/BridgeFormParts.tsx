import type { RefObject } from 'preact';
import { type FormFields, offersLogin } from '../../utils/bridge/form';
import type { BridgePreset } from '../../utils/bridge/presets';
import { pageMessage } from '../../utils/shared/page-messages';

type Invalid = 'true' | undefined;

/** Scheme, host, port and login as separate fields. */
export function SeparateFields(props: {
  fields: FormFields;
  invalid: Invalid;
  onField(key: keyof FormFields, value: string): void;
}) {
  const field = (key: keyof FormFields) => ({
    value: props.fields[key],
    onInput: (event: Event) => props.onField(key, (event.currentTarget as HTMLInputElement).value),
  });
  const { invalid } = props;
  return (
    <div class="bridge-fields">
      <div class="bridge-server">
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
      </div>
      {offersLogin(props.fields) ? (
        <div class="bridge-login">
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
        <p class="hint">{pageMessage('optionsBridgeSocksNoLogin')}</p>
      )}
    </div>
  );
}

/** The one-line address, as pasted from a proxy app or a friend. */
export function AddressField(props: {
  url: string;
  invalid: Invalid;
  inputRef: RefObject<HTMLInputElement | null>;
  onUrl(value: string): void;
}) {
  return (
    <>
      <label for="bridge-address">{pageMessage('optionsBridgeAddressLabel')}</label>
      <input
        id="bridge-address"
        ref={props.inputRef}
        type="text"
        inputMode="url"
        autocomplete="off"
        autoCapitalize="off"
        spellcheck={false}
        placeholder="socks5://127.0.0.1:1080"
        value={props.url}
        aria-invalid={props.invalid}
        aria-describedby="bridge-address-hint bridge-address-status"
        onInput={(event) => props.onUrl(event.currentTarget.value)}
      />
      <p id="bridge-address-hint" class="hint">
        {pageMessage('optionsBridgeAddressHint')}
      </p>
    </>
  );
}

export function BridgePresets({
  presets,
  onPick,
}: {
  presets: readonly BridgePreset[];
  onPick(p: BridgePreset): void;
}) {
  return (
    <>
      <h3>{pageMessage('optionsBridgePresetsHeading')}</h3>
      <ul class="presets">
        {presets.map((choice) => (
          <li key={choice.id}>
            <button type="button" class="preset" onClick={() => onPick(choice)}>
              {pageMessage('optionsBridgePresetFill', [choice.name])}{' '}
              <span class="preset-address" dir="ltr">{`${choice.bridge.host}:${choice.bridge.port}`}</span>
            </button>
            <p class="hint">{pageMessage(choice.explanationKey)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

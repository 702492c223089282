import type { Bridge } from '../shared/bridge-types';
import {
  type BridgeFields,
  type BridgeInputError,
  type BridgeInputResult,
  parseBridgeUrl,
  recogniseTorBridgeLine,
  validateBridgeFields,
} from './config';

import type { TypedBridge } from './draft';

// The options page's bridge address as data: what was typed, and what the line under it says.

export type FormFields = BridgeFields & { port: string; username: string; password: string };

export const EMPTY_FIELDS: FormFields = { scheme: 'socks5', host: '', port: '', username: '', password: '' };

export interface FormInput {
  /** Separate fields instead of one address. */
  separate: boolean;
  url: string;
  fields: FormFields;
  /** Save was refused for want of a bridge since the last reset: an empty form then says what is missing. */
  tried: boolean;
}

/** The outcome of the last Save for the typed bridge, until the next edit. */
export type FormNote = { kind: 'error' | 'ok'; text: string };

export type FormFeedback =
  | { kind: 'tor'; transport: string }
  | { kind: 'note'; note: FormNote }
  | { kind: 'invalid'; error: BridgeInputError }
  | { kind: 'valid'; bridge: Omit<Bridge, 'id'> }
  | { kind: 'none' };

export function formResult(input: FormInput): BridgeInputResult {
  return input.separate ? validateBridgeFields(input.fields) : parseBridgeUrl(input.url);
}

const hasTyped = ({ separate, fields, url }: FormInput) =>
  separate ? fields.host.trim() !== '' || fields.port.trim() !== '' : url.trim() !== '';

/**
 * A pasted Tor bridge line is explained before anything else; then the last Save's outcome; then the
 * check as the user types (an untouched form says nothing unless Save needed a bridge from it).
 */
export function formFeedback(input: FormInput, note: FormNote | null): FormFeedback {
  const torLine = input.separate ? null : recogniseTorBridgeLine(input.url);
  if (torLine) return { kind: 'tor', transport: torLine.transport };
  if (note) return { kind: 'note', note };
  const result = formResult(input);
  const typed = hasTyped(input);
  if (!result.ok && (typed || input.tried)) return { kind: 'invalid', error: result.error };
  if (result.ok && typed) return { kind: 'valid', bridge: result.bridge };
  return { kind: 'none' };
}

/** The bridge a Save adds: the parsed one, with its name when one was given. */
export function bridgeToAdd(bridge: Omit<Bridge, 'id'>, name: string): Omit<Bridge, 'id'> {
  return { ...bridge, ...(name.trim() ? { name: name.trim() } : {}) };
}

/** What Save makes of the form: an empty form adds nothing; anything typed must be a bridge. */
export function typedBridge(input: FormInput, name: string, presetId?: string): TypedBridge {
  if (!hasTyped(input)) return { kind: 'none' };
  const result = formResult(input);
  if (!result.ok) return { kind: 'invalid' };
  return { kind: 'valid', bridge: bridgeToAdd(result.bridge, name), ...(presetId ? { presetId } : {}) };
}

/** Browsers cannot send SOCKS5 credentials, so the form offers none for SOCKS5 and keeps none typed before. */
export const offersLogin = (fields: FormFields) => fields.scheme !== 'socks5';

/** The separate fields after one edit; choosing SOCKS5 drops a login that could not be used. */
export function withField(fields: FormFields, key: keyof FormFields, value: string): FormFields {
  const next = { ...fields, [key]: value };
  return offersLogin(next) ? next : { ...next, username: '', password: '' };
}

import type { Bridge } from '../shared/bridge-types';
import {
  type BridgeFields,
  type BridgeInputError,
  type BridgeInputResult,
  parseBridgeUrl,
  recogniseTorBridgeLine,
  validateBridgeFields,
} from './config';

// The options page's "Add a bridge" form as data: what was typed, and what the line under it says.

export type FormFields = BridgeFields & { port: string; username: string; password: string };

export const EMPTY_FIELDS: FormFields = { scheme: 'socks5', host: '', port: '', username: '', password: '' };

export interface FormInput {
  /** Separate fields instead of one address. */
  separate: boolean;
  url: string;
  fields: FormFields;
  /** Add was pressed since the last reset: an empty form then says what is missing. */
  tried: boolean;
}

/** The outcome of the last Add, until the next edit. */
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
 * A pasted Tor bridge line is explained before anything else; then the last Add's outcome; then the
 * check as the user types (an untouched form says nothing until Add is pressed).
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

/** The bridge an Add saves: the parsed one, with its name when one was given. */
export function bridgeToAdd(bridge: Omit<Bridge, 'id'>, name: string): Omit<Bridge, 'id'> {
  return { ...bridge, ...(name.trim() ? { name: name.trim() } : {}) };
}

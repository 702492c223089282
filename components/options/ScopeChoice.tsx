import { MAX_SITE_PATTERNS, type SitePatternError, type SiteProblem } from '../../utils/bridge/config';
import { localNamePatterns } from '../../utils/bridge/local-names';
import type { BridgeScope } from '../../utils/shared/bridge-types';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';

export type ScopeKind = BridgeScope['kind'];

interface Props {
  kind: ScopeKind;
  /** The "these sites" text as typed (kept while another choice is selected). */
  sitesText: string;
  /** Entries of sitesText that were not understood, with reasons. */
  siteErrors: readonly SiteProblem[];
  /** Tried to save "these sites" with nothing listed. */
  sitesEmpty: boolean;
  onKind(kind: ScopeKind): void;
  onSitesText(text: string): void;
}

const OPTIONS: ReadonlyArray<[ScopeKind, PageMessageKey]> = [
  ['cdt', 'optionsBridgeScopeCdt'],
  ['sites', 'optionsBridgeScopeSites'],
  ['all', 'optionsBridgeScopeAll'],
];

const SITE_ERROR_KEYS: Record<SitePatternError, PageMessageKey> = {
  scheme: 'optionsBridgeSiteErrScheme',
  'user-name': 'optionsBridgeSiteErrUserName',
  wildcard: 'optionsBridgeSiteErrWildcard',
  host: 'optionsBridgeSiteErrHost',
  'wildcard-ip': 'optionsBridgeSiteErrWildcardIp',
  local: 'optionsBridgeSiteErrLocal',
  'too-many': 'optionsBridgeSiteErrTooMany',
};

/** One refused entry in the user's language: the entry as typed, then why. */
const siteErrorText = ({ error, entry }: SiteProblem) =>
  pageMessage(SITE_ERROR_KEYS[error], [entry, MAX_SITE_PATTERNS.toLocaleString()]);

/** Which requests go through the bridge. */
export function ScopeChoice({ kind, sitesText, siteErrors, sitesEmpty, onKind, onSitesText }: Props) {
  const problem = siteErrors.length
    ? pageMessage('optionsBridgeSitesErrors', [siteErrors.map(siteErrorText).join(' ')])
    : sitesEmpty
      ? pageMessage('optionsBridgeSitesEmpty')
      : '';
  return (
    <fieldset class="scope">
      <legend>{pageMessage('optionsBridgeScopeLegend')}</legend>
      {OPTIONS.map(([value, key]) => (
        <label key={value} class="choice">
          <input
            type="radio"
            name="bridge-scope"
            value={value}
            checked={kind === value}
            onChange={() => onKind(value)}
          />
          {pageMessage(key)}
        </label>
      ))}
      {kind === 'sites' && (
        <div class="sites">
          <label for="bridge-sites">{pageMessage('optionsBridgeSitesLabel')}</label>
          <textarea
            id="bridge-sites"
            rows={5}
            spellcheck={false}
            autoCapitalize="off"
            placeholder={'example.org\n*.example.net'}
            value={sitesText}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby="bridge-sites-hint bridge-sites-status"
            onInput={(event) => onSitesText(event.currentTarget.value)}
          />
          <p id="bridge-sites-hint" class="hint">
            {pageMessage('optionsBridgeSitesHint')}
          </p>
          <p id="bridge-sites-status" class="status error" role="alert">
            {problem}
          </p>
        </div>
      )}
      {kind === 'all' && <p class="hint">{pageMessage('optionsBridgeScopeAllHint')}</p>}
      <p class="hint local-names">{pageMessage('optionsBridgeLocalNames', [localNamePatterns().join(', ')])}</p>
    </fieldset>
  );
}

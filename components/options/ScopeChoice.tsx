import { MAX_SITE_PATTERNS, type SitePatternError, type SitePatternsResult } from '../../utils/bridge/config';
import type { BridgeScope } from '../../utils/shared/bridge-types';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';

export type ScopeKind = BridgeScope['kind'];

interface Props {
  kind: ScopeKind;
  /** The "these sites" text as typed (kept while another choice is selected). */
  sitesText: string;
  /** What was wrong with sitesText, as codes; null when it is not being checked. */
  siteCheck: Pick<SitePatternsResult, 'problems' | 'tooMany'> | null;
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
  'not-web': 'optionsBridgeSiteNotWeb',
  'user-name': 'optionsBridgeSiteUserName',
  wildcard: 'optionsBridgeSiteWildcard',
  'invalid-host': 'optionsBridgeSiteInvalidHost',
  local: 'optionsBridgeSiteLocal',
  'wildcard-ip': 'optionsBridgeSiteWildcardIp',
};

/** The site list's mistakes in the user's language, each entry quoted as typed; '' when there are none. */
function siteProblemText(check: Props['siteCheck']): string {
  if (!check) return '';
  const each = check.problems.map(({ entry, error }) => pageMessage(SITE_ERROR_KEYS[error], [entry]));
  if (check.tooMany) each.push(pageMessage('optionsBridgeSitesTooMany', [String(MAX_SITE_PATTERNS)]));
  return each.length ? pageMessage('optionsBridgeSitesErrors', [each.join(' ')]) : '';
}

/** Which requests go through the bridge. */
export function ScopeChoice({ kind, sitesText, siteCheck, sitesEmpty, onKind, onSitesText }: Props) {
  const problem = siteProblemText(siteCheck) || (sitesEmpty ? pageMessage('optionsBridgeSitesEmpty') : '');
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
    </fieldset>
  );
}

import brand from '../../components/in-page/brand.css?inline';
import tokens from '../../components/tokens.css?inline';

/**
 * The palette, declared on every element of the box rather than inherited from the host: a page can
 * register one of these names with `@property { inherits: false }` (registrations reach into shadow
 * trees), which would leave the box's text to the page's chosen initial value, e.g. transparent.
 */
export const pinTokens = (css: string): string => css.replace(/:root,\s*:host\s*\{/, ':host, :host * {');

/**
 * The CSS of one of Coral's shadow roots on a page: the palette, Coral's mark, then the box's own rules.
 * Put together here because Vite does not inline @import into ?inline CSS.
 */
export const shadowCss = (own: string): string => pinTokens(tokens) + brand + own;

import brand from '../../components/in-page/brand.css?inline';
import tokens from '../../components/tokens.css?inline';

/**
 * The CSS of one of Coral's shadow roots on a page: the palette, Coral's mark, then the box's own rules.
 * Put together here because Vite does not inline @import into ?inline CSS.
 */
export const shadowCss = (own: string): string => tokens + brand + own;

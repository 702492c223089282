import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['*://chinadigitaltimes.net/*', '*://www.chinadigitaltimes.net/*'],
  main() {},
});

// The zip worker: inflating a backup happens here, off the popup's thread, so a hostile file can cost the
// worker time but never freeze a page. Bundled by Vite as its own script (zip-worker-client.ts).
import { type Port, serveZip } from './zip-worker-protocol';

serveZip(self as unknown as Port);

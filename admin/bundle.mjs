// Bundles the secretary's web form: admin/main.js with Sveltia CMS from
// node_modules (package.json pins it), into one folder served from the site
// itself. Nothing is fetched from a CDN at run time and no bundle is committed:
// `make admin` runs this after `npm ci`; scripts/build_admin.py then adds the
// page, its configuration and its Content Security Policy.
//
//     node admin/bundle.mjs OUT_DIR

import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const out = process.argv[2];
if (!out) {
  console.error('Bruk: node admin/bundle.mjs UTMAPPE');
  process.exit(2);
}

// Code highlighting in the Markdown editor: the minutes need only a few
// languages, and each of the other 240 would be a file of its own.
const KEPT_LANGUAGES = new Set(['markdown', 'yaml', 'html', 'css', 'javascript', 'json', 'shellscript']);

const fewerLanguages = {
  name: 'fewer-code-languages',
  setup(build) {
    build.onResolve({ filter: /^@shikijs\/langs\/[^/]+$/ }, (args) => {
      const name = args.path.split('/').pop();
      // One module for all of them, so they make one small file, not 240.
      return KEPT_LANGUAGES.has(name) ? undefined : { path: 'none', namespace: 'left-out-language' };
    });
    // Shiki asks for a language as a list of grammars; an empty list is no highlighting.
    build.onLoad({ filter: /.*/, namespace: 'left-out-language' }, () => ({ contents: 'export default [];', loader: 'js' }));
  },
};

// Sveltia's interface library declares its three fonts at jsDelivr in its
// stylesheet, although the npm package ships them (npm/assets/). The page's
// stylesheet is inline, so `assets/…` is found beside the page (admin/assets/).
// Each address is replaced by the shipped file; a font without one stops the
// build, so a new version cannot bring the CDN back unnoticed.
const sveltiaAssets = join(root, 'node_modules', '@sveltia', 'cms', 'npm', 'assets');
const FONT_ADDRESS = /https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\/([a-z0-9-]+)(?::vf)?@[0-9.]+\/([a-z0-9-]+)\.woff2/g;

const localFonts = {
  name: 'local-fonts',
  setup(build) {
    build.onLoad({ filter: /[\\/]@sveltia[\\/]cms[\\/]npm[\\/]index\.js$/ }, (args) => {
      const shipped = readdirSync(sveltiaAssets);
      const missing = [];
      let replaced = 0;
      const contents = readFileSync(args.path, 'utf8').replace(FONT_ADDRESS, (address, family, file) => {
        const local = shipped.find((name) => name.startsWith(`${family}-${file}-`) && name.endsWith('.woff2'));
        if (!local) {
          missing.push(address);
          return address;
        }
        replaced += 1;
        return `assets/${local}`;
      });
      if (missing.length || replaced === 0 || /cdn\.jsdelivr\.net/.test(contents)) {
        throw new Error(`Sveltia loads fonts from jsDelivr that the package does not ship: ${missing.join(', ') || '(none found)'}`);
      }
      return { contents, loader: 'js' };
    });
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, 'main.js')],
  bundle: true,
  splitting: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  // Flat: Sveltia finds its fonts and images at `assets/…` beside its own code (import.meta.url).
  outdir: out,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [fewerLanguages, localFonts],
});
cpSync(sveltiaAssets, join(out, 'assets'), { recursive: true });
cpSync(join(root, 'node_modules', '@sveltia', 'cms', 'LICENSE.txt'), join(out, 'SVELTIA-CMS-LICENSE.txt'));

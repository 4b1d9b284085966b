// Starts an Atrium SPA. Trunk's own loader is an inline <script>, which the strict CSP
// (script-src 'self' 'wasm-unsafe-eval') blocks, so Trunk.toml's `pattern_script` emits
// <script type="module" src=".../boot.js" data-js="…" data-wasm="…"> instead and this file
// does what the inline loader did, reading the hashed file names from those attributes.
const tag = document.querySelector("script[data-js][data-wasm]");
if (tag) {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
}

// Files imported as text (Vite's `?raw`), e.g. wrangler.toml for the tests that read its settings.
declare module "*?raw" {
  const text: string;
  export default text;
}

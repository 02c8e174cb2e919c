// Font files are bundled as Data modules (the [[rules]] block in wrangler.toml): importing one
// gives its bytes, in the deployed Worker and in the vitest workers project alike.
declare module "*.ttf" {
  const bytes: ArrayBuffer;
  export default bytes;
}

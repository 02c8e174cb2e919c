// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** What does not exist, when a page's own address names it (+error.svelte words it). */
      missing?: "competition";
    }
  }
}

export {};

// A single-page app: the Worker serves the shell for every path, the browser renders it.
export const ssr = false;
export const prerender = false;

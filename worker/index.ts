// Entry point: the API under /api; everything else is served from web/build by the assets binding.
import { createApp } from "./app";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;

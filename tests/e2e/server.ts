// Global setup of the e2e project: its own `wrangler dev` (npm test builds the web app first).
import type { TestProject } from "vitest/node";
import { startDevServer } from "./dev-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startDevServer(Number(process.env.E2E_PORT ?? 8790));
  project.provide("baseURL", server.baseURL);
  return server.stop;
}

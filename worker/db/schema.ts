export * from "./auth";
export * from "./betting";
export * from "./events";
export * from "./gym";
export * from "./notifications";
export * from "./payments";
export * from "./roles";

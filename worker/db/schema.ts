export * from "./auth";
export * from "./betting";
export * from "./gym";
export * from "./roles";

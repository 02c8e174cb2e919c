export * from "./auth";
export * from "./betting";
export * from "./roles";

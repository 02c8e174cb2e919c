import { z } from "@hono/zod-openapi";
import { GLOBAL_SCOPE, ROLES } from "../auth/rules";
import { shaped } from "../lib/patterns";

export const UserQuery = z.object({
  search: z.string().trim().max(100).optional().openapi({ description: "Part of a name or email" }),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const GrantRequest = z
  .object({
    role: z.enum(ROLES),
    scope: shaped("scope", z.string().trim()).default(GLOBAL_SCOPE),
  })
  .openapi("GrantRequest");

export const UserParam = z.object({ userId: z.string().min(1).max(64) });
export const GrantParam = UserParam.extend({ grantId: z.string().min(1).max(64) });

export const Grant = z
  .object({ id: z.string(), role: z.string(), scope: z.string(), createdAt: z.iso.datetime() })
  .openapi("Grant");

export const AdminUser = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    createdAt: z.iso.datetime(),
    roles: z.array(Grant),
  })
  .openapi("AdminUser");

export const UserPage = z
  .object({ items: z.array(AdminUser), page: z.number(), pageSize: z.number(), total: z.number() })
  .openapi("UserPage");

export type UserQuery = z.infer<typeof UserQuery>;
export type GrantRequest = z.infer<typeof GrantRequest>;
export type AdminUser = z.infer<typeof AdminUser>;
export type Grant = z.infer<typeof Grant>;
export type UserPage = z.infer<typeof UserPage>;

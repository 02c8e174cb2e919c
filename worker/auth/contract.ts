// The accounts API's requests and responses. The web client takes its types from here too.
import { z } from "@hono/zod-openapi";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const Email = z.email("Enter a valid email address.").max(254).openapi({ example: "anna@example.com" });
const NewPassword = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const RegisterRequest = z
  .object({
    email: Email,
    password: NewPassword,
    displayName: z.string().trim().min(1, "Enter your name.").max(80).openapi({ example: "Anna Ivanova" }),
  })
  .openapi("RegisterRequest");

export const LoginRequest = z
  .object({
    email: Email,
    password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX),
  })
  .openapi("LoginRequest");

export const ChangePasswordRequest = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX),
    newPassword: NewPassword,
  })
  .openapi("ChangePasswordRequest");

export const RoleGrant = z.object({ role: z.string(), scope: z.string() }).openapi("RoleGrant");

export const Profile = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(RoleGrant),
  })
  .openapi("Profile");

export type RegisterRequest = z.infer<typeof RegisterRequest>;
export type LoginRequest = z.infer<typeof LoginRequest>;
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;
export type Profile = z.infer<typeof Profile>;

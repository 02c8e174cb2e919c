// Account use cases over better-auth's server API and Podium's own tables. They take the
// request's headers (the session cookie) and return the headers to send back (Set-Cookie).
import { isAPIError } from "better-auth/api";
import type { Db } from "../db";
import { badRequest, Problem, unauthorized } from "../lib/problem";
import type { Auth } from "./better-auth";
import type { ChangePasswordRequest, LoginRequest, Profile, RegisterRequest } from "./contract";
import type { Grant } from "./rules";
import { accountKey, loginKeys, reserveAttempt } from "./throttle";
import type { Viewer } from "./viewer";

export interface AccountDeps {
  auth: Auth;
  db: Db;
  now: () => number;
}

/** What a use case hands back to its adapter: a result and the cookies to set. */
export interface WithCookies<T> {
  result: T;
  headers: Headers;
}

export function profileOf(viewer: Viewer, grants: Grant[]): Profile {
  return { id: viewer.id, email: viewer.email, displayName: viewer.displayName, roles: grants };
}

export async function register(
  { auth }: AccountDeps,
  input: RegisterRequest,
  headers: Headers,
): Promise<WithCookies<Profile>> {
  const signedUp = await library(() =>
    auth.api.signUpEmail({
      body: { email: input.email, password: input.password, name: input.displayName },
      headers,
      returnHeaders: true,
    }),
  );
  const { user } = signedUp.response;
  return {
    result: { id: user.id, email: user.email, displayName: user.name, roles: [] },
    headers: signedUp.headers,
  };
}

export async function login(
  { auth, db, now }: AccountDeps,
  input: LoginRequest,
  request: { headers: Headers; address: string | null },
): Promise<WithCookies<{ id: string; email: string; displayName: string }>> {
  const attempt = await reserveAttempt(db, loginKeys(input.email, request.address), now());
  return settle(attempt, 401, async () => {
    const signedIn = await library(() =>
      auth.api.signInEmail({
        body: { email: input.email, password: input.password, rememberMe: true },
        headers: request.headers,
        returnHeaders: true,
      }),
    );
    const { user } = signedIn.response;
    return { result: { id: user.id, email: user.email, displayName: user.name }, headers: signedIn.headers };
  });
}

/**
 * Runs a password check under a reserved attempt: a success gives the attempt back, a wrong
 * password (`wrongStatus`) leaves it counted, any other failure gives it back too.
 */
async function settle<T>(
  attempt: Awaited<ReturnType<typeof reserveAttempt>>,
  wrongStatus: number,
  check: () => Promise<T>,
): Promise<T> {
  try {
    const result = await check();
    await attempt.succeeded();
    return result;
  } catch (error) {
    if (!(error instanceof Problem && error.status === wrongStatus)) await attempt.abandoned();
    throw error;
  }
}

/** Ends this session: its row is deleted, so the cookie no longer opens anything. */
export async function logout({ auth }: AccountDeps, headers: Headers): Promise<WithCookies<null>> {
  const signedOut = await library(() => auth.api.signOut({ headers, returnHeaders: true }));
  return { result: null, headers: signedOut.headers };
}

/**
 * Changes the password and revokes every other session; this one gets a fresh cookie. Guessing the
 * current password (with a stolen cookie) is throttled by the same per-account rules as logging in.
 */
export async function changePassword(
  { auth, db, now }: AccountDeps,
  input: ChangePasswordRequest,
  request: { headers: Headers; email: string },
): Promise<WithCookies<null>> {
  const attempt = await reserveAttempt(db, [accountKey(request.email)], now());
  return settle(attempt, 400, async () => {
    const changed = await library(
      () =>
        auth.api.changePassword({
          body: {
            currentPassword: input.currentPassword,
            newPassword: input.newPassword,
            revokeOtherSessions: true,
          },
          headers: request.headers,
          returnHeaders: true,
        }),
      {
        INVALID_PASSWORD: () =>
          badRequest("The current password is wrong.", [
            { path: "currentPassword", code: "wrong_password", message: "Wrong password." },
          ]),
      },
    );
    return { result: null, headers: changed.headers };
  });
}

type ProblemFor = Record<string, () => Problem>;

const emailTaken = () => new Problem(409, "email-taken", "Email taken", "An account with this email already exists.");

// Input is validated against the contract first, so only these can reach the library's checks.
const LIBRARY_PROBLEMS: ProblemFor = {
  USER_ALREADY_EXISTS: emailTaken,
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: emailTaken,
  INVALID_EMAIL_OR_PASSWORD: () => new Problem(401, "wrong-credentials", "Not logged in", "Wrong email or password."),
};

/** Runs a better-auth call and turns its `{message, code}` errors into Podium's problems. */
async function library<T>(call: () => Promise<T>, specific: ProblemFor = {}): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const code = String(error.body?.code ?? "");
    const toProblem = specific[code] ?? LIBRARY_PROBLEMS[code];
    if (toProblem) throw toProblem();
    if (error.statusCode === 401) throw unauthorized();
    throw error;
  }
}

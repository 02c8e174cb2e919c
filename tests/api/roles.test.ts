import { describe, expect, it } from "vitest";
import type { AdminUser, Grant, UserPage } from "../../worker/admin/contract";
import { Client, newUser, problemOf } from "./client";
import { grant } from "./grants";

async function newAdmin() {
  const admin = await newUser("Admin");
  await grant(admin.id, "admin");
  return admin;
}

describe("who may administer", () => {
  it("an anonymous caller gets 401", async () => {
    problemOf(await new Client().get("/api/admin/users"), 401);
  });

  it("a logged-in person without the admin role gets 403", async () => {
    const { client } = await newUser();
    const problem = problemOf(await client.get("/api/admin/users"), 403);
    expect(problem.detail).toContain('"admin"');
  });

  it("an organizer of one event is not an admin", async () => {
    const { client, id } = await newUser();
    await grant(id, "organizer", "event:1");
    problemOf(await client.get("/api/admin/users"), 403);
  });
});

describe("granting and revoking roles", () => {
  it("an admin lists people with their roles and finds one by name", async () => {
    const admin = await newAdmin();
    await newUser("Zinaida Unique");
    const res = await admin.client.get("/api/admin/users?search=Zinaida");
    expect(res.status).toBe(200);
    const page = res.body as UserPage;
    expect(page.items.map((u) => u.displayName)).toEqual(["Zinaida Unique"]);
    expect(page.total).toBe(1);
  });

  it("grants a scoped role, idempotently, and the person sees it at /api/me", async () => {
    const admin = await newAdmin();
    const judge = await newUser("Judge");
    const path = `/api/admin/users/${judge.id}/roles`;
    const scope = "competition:7/apparatus:floor/position:E2";

    const first = await admin.client.post(path, { role: "judge", scope });
    expect(first.status).toBe(201);
    const again = await admin.client.post(path, { role: "judge", scope });
    expect(again.status).toBe(200);
    expect((again.body as Grant).id).toBe((first.body as Grant).id);

    const me = await judge.client.get("/api/me");
    expect(me.body).toMatchObject({ roles: [{ role: "judge", scope }] });
  });

  it("revokes a grant; the person loses it at once", async () => {
    const admin = await newAdmin();
    const person = await newUser();
    const granted = (await admin.client.post(`/api/admin/users/${person.id}/roles`, { role: "admin" })).body as Grant;
    expect((await person.client.get("/api/admin/users")).status).toBe(200);

    const res = await admin.client.delete(`/api/admin/users/${person.id}/roles/${granted.id}`);
    expect(res.status).toBe(200);
    problemOf(await person.client.get("/api/admin/users"), 403);
  });

  it("refuses to revoke the last global admin", async () => {
    const admin = await newAdmin();
    // Every account of the database (other test files' too), page by page.
    const users: AdminUser[] = [];
    for (let page = 1; ; page++) {
      const list = (await admin.client.get(`/api/admin/users?pageSize=100&page=${page}`)).body as UserPage;
      users.push(...list.items);
      if (users.length >= list.total || list.items.length === 0) break;
    }
    const admins = users.flatMap((u) =>
      u.roles.filter((r) => r.role === "admin" && r.scope === "*").map((r) => ({ user: u.id, grant: r.id })),
    );
    // Revoke all but one, then the last one is refused.
    for (const a of admins.slice(1)) {
      expect((await admin.client.delete(`/api/admin/users/${a.user}/roles/${a.grant}`)).status).toBe(200);
    }
    const [last] = admins;
    if (!last) throw new Error("expected at least one admin");
    expect(problemOf(await admin.client.delete(`/api/admin/users/${last.user}/roles/${last.grant}`), 409).reason).toBe(
      "last_admin",
    );
  });

  it.each([
    [{ role: "emperor" }, "role"],
    [{ role: "judge", scope: "competition 7" }, "scope"],
    [{ role: "judge", scope: "competition:" }, "scope"],
    [{ role: 5 }, "role"],
  ])("names the bad field in a 400: %j", async (body, field) => {
    const admin = await newAdmin();
    const person = await newUser();
    const problem = problemOf(await admin.client.post(`/api/admin/users/${person.id}/roles`, body), 400);
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });

  it("404 for a grant to nobody, or a grant that does not exist", async () => {
    const admin = await newAdmin();
    problemOf(await admin.client.post("/api/admin/users/no-such-user/roles", { role: "judge" }), 404);
    problemOf(await admin.client.delete(`/api/admin/users/${admin.id}/roles/no-such-grant`), 404);
  });

  it("bad paging is a 400 naming the parameter", async () => {
    const admin = await newAdmin();
    const problem = problemOf(await admin.client.get("/api/admin/users?pageSize=1000"), 400);
    expect(problem.errors?.[0]?.path).toBe("pageSize");
  });
});

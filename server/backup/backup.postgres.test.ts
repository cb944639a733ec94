import { describe, expect, it } from "vitest";
import { toolConnection, toolMajor } from "./backup.postgres.ts";

describe("the PostgreSQL client tools", () => {
  it("read their major version from --version", () => {
    expect(toolMajor("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)")).toBe(15);
    expect(toolMajor("pg_restore (PostgreSQL) 17.2")).toBe(17);
    expect(toolMajor("something else")).toBeNull();
  });

  it("get the password through the environment, never on their command line", () => {
    const { dbname, env } = toolConnection(
      "postgres://rectify:s%40cret@db.internal:5433/rectify?sslmode=require",
    );
    expect(dbname).toBe("postgres://rectify@db.internal:5433/rectify?sslmode=require");
    expect(dbname).not.toContain("cret");
    expect(env.PGPASSWORD).toBe("s@cret");
  });
});

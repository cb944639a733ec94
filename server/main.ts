import { audit, describeError, jobs, migrate, seed, userAdd } from "./cli/admin.ts";
import { parseArgs } from "./cli/args.ts";
import { backup, restore } from "./cli/backup.ts";
import { secrets } from "./cli/secrets.ts";
import { serve } from "./cli/serve.ts";
import { worker } from "./cli/worker.ts";

const USAGE = `rectify <command>
  serve                      start the server (migrates; loads demo data on an empty demo install)
  worker                     run the scheduled jobs and notification delivery without HTTP
  migrate                    apply database migrations
  seed --demo                load the demo org tree and accounts (refused when NODE_ENV=production)
  user add --username U --org CODE --role ROLE[@CODE] [--name N] [--password P]
  audit verify               recompute the audit chain and check signed checkpoints
  audit checkpoint           sign the current audit chain head
  secrets rotate             new secrets key; re-seal every TOTP and robot secret under it (old key kept)
  jobs run <name> [--dry-run]  run one scheduled job now (public-reviews, deliver-notifications, lights,
                             warnings, backup, audit-checkpoint, audit-verify); --dry-run rolls it back and prints what it would do as JSON
  backup --out DIR [--include-keys]
                             back up the database, uploaded files and audit checkpoints into DIR
  restore DIR                restore a backup into an empty install, then verify files and audit chain`;

/** Dispatches argv to one command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [command, sub] = args.positional;
  try {
    switch (command) {
      case "serve":
        return await serve();
      case "worker":
        return await worker();
      case "migrate":
        return await migrate();
      case "seed":
        return await seed(args);
      case "user":
        if (sub === "add") return await userAdd(args);
        break;
      case "audit":
        return await audit(args);
      case "jobs":
        return await jobs(args);
      case "backup":
        return await backup(args);
      case "restore":
        return await restore(args);
      case "secrets":
        return await secrets(args);
    }
    console.error(USAGE);
    return command ? 2 : 0;
  } catch (e) {
    console.error(`rectify ${command}: ${describeError(e)}`);
    return 1;
  }
}

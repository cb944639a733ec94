// `rectify worker` whose robots post to the local receiver named by LOCAL_ROBOT_BASE (the worker
// test starts it with `node --import tsx`); everything else is the product's worker.
import { worker } from "../cli/worker.ts";
import { deliverNotificationsJobWith } from "../jobs/deliver-notifications.job.ts";
import { JOBS } from "../jobs/scheduler.ts";
import { localRobots } from "./local-robots.ts";

const base = process.env.LOCAL_ROBOT_BASE;
if (!base) throw new Error("LOCAL_ROBOT_BASE is not set");
const senders = localRobots(base);
process.exitCode = await worker({
  jobs: JOBS.map((j) => (j.name === "deliver-notifications" ? deliverNotificationsJobWith(senders) : j)),
});
